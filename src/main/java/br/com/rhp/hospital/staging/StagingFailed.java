package br.com.rhp.hospital.staging;

/**
 * The file system failed while staging (permission, I/O error, disk full below the threshold, …). The
 * store removed what it had written, so the operation is not pending.
 */
public final class StagingFailed extends NotStaged {

    StagingFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
