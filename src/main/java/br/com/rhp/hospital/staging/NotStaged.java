package br.com.rhp.hospital.staging;

/**
 * The operation was not staged: nothing of it is on disk under a pending folder, and the caller must
 * tell the client so (503), never acknowledge it.
 */
public abstract class NotStaged extends RuntimeException {

    NotStaged(String message, Throwable cause) {
        super(message, cause);
    }
}
