package br.com.rhp.hospital.staging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Every file-system call the store makes, one method per step of its commit protocols, so that a test can
 * fail or "crash" at exactly one step (as Square's Tape tests do) and then reopen the store.
 */
interface StagingDisk {

    /** Free space for this process on the volume that holds {@code directory}. */
    long usableSpace(Path directory) throws IOException;

    /** Creates one directory (0700 where POSIX permissions exist); fails if it exists. */
    void createDirectory(Path directory) throws IOException;

    /** Creates a file that must not exist yet (0600 where POSIX permissions exist), open for writing. */
    FileChannel createNew(Path file) throws IOException;

    /** Writes all of {@code bytes} at the channel's position. */
    void write(FileChannel channel, byte[] bytes) throws IOException;

    /** Flushes the file's content and metadata to the device ({@code fsync}). */
    void force(FileChannel channel) throws IOException;

    /** Renames atomically; the target must not exist. */
    void move(Path source, Path target) throws IOException;

    /** Renames atomically, replacing the target if it exists (small state and reason files only). */
    void replace(Path source, Path target) throws IOException;

    /**
     * Makes the entries of {@code directory} (new names, removed names) durable: {@code fsync} of the
     * directory. A no-op where the platform cannot do it (Windows).
     */
    void syncDirectory(Path directory) throws IOException;

    /**
     * Makes a rename into {@code renamed}'s directory durable: the directory's {@code fsync}, or, where that
     * is impossible, the best the platform offers (flushing the renamed file).
     */
    void syncRename(Path renamed) throws IOException;

    /** Whether {@link #syncDirectory} really flushes directory entries on this platform. */
    boolean directorySyncSupported();

    /** Deletes the file; {@code false} if it did not exist. */
    boolean delete(Path file) throws IOException;

    /** Reads a whole file, refusing files larger than {@code limit} bytes. */
    byte[] read(Path file, int limit) throws IOException;

    /**
     * Appends to a file, creating it (0600) if needed, and flushes it.
     *
     * @return whether the file was created, so the caller syncs its directory
     */
    boolean append(Path file, byte[] bytes) throws IOException;
}
