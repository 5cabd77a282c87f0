package br.com.rhp.hospital.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real file system. POSIX permissions (files 0600, directories 0700) where the file system has them;
 * elsewhere the files inherit the folder's access rules. Directory {@code fsync} where the platform allows
 * it; on Windows, which cannot open a directory for flushing, the renamed file is flushed instead.
 */
class LocalDisk implements StagingDisk {

    private static final Logger log = LoggerFactory.getLogger(LocalDisk.class);
    private static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY_0700 = PosixFilePermissions.fromString("rwx------");

    private static final int LOCKED_RETRIES = 10;
    private static final long LOCKED_RETRY_DELAY_MS = 25;

    private final boolean posix;
    private final boolean directorySync;
    private volatile FileStore store;

    LocalDisk(boolean posix, boolean directorySync) {
        this.posix = posix;
        this.directorySync = directorySync;
    }

    /**
     * Probes what the file system under {@code root} (which must exist) supports.
     *
     * @throws IOException when directories cannot be flushed on a platform where they should be
     */
    static LocalDisk probe(Path root) throws IOException {
        boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        boolean directorySync = true;
        try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            if (!windows) {
                throw new IOException(
                        "cannot fsync the directory " + root + "; staged writes could not be made durable", e);
            }
            directorySync = false;
            log.info("Directory fsync is not available on this platform (Windows): renames are made durable by"
                    + " flushing the renamed file, as docs/STAGING-FORMAT.md explains");
        }
        return new LocalDisk(posix, directorySync);
    }

    boolean posix() {
        return posix;
    }

    @Override
    public long usableSpace(Path directory) throws IOException {
        FileStore s = store;
        if (s == null) {
            s = Files.getFileStore(directory);
            store = s;
        }
        return s.getUsableSpace();
    }

    @Override
    public void createDirectory(Path directory) throws IOException {
        if (posix) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_0700));
        } else {
            Files.createDirectory(directory);
        }
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_0600)}
                : new FileAttribute<?>[0];
        return FileChannel.open(file, options, attributes);
    }

    @Override
    public void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        channel.force(true);
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        // ATOMIC_MOVE replaces an existing target on every platform: the caller checks first, and names
        // are unique by construction
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        retryingWhileLocked(() -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE));
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        retryingWhileLocked(
                () -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
    }

    private interface FileOperation {
        void run() throws IOException;
    }

    /**
     * On Windows an antivirus or indexer may hold a file it has just seen for a few milliseconds, and a
     * rename or delete then fails with "access denied". SQLite retries such errors (os_win.c,
     * winRetryIoerr); so does this, for up to a quarter of a second. Elsewhere it runs once.
     */
    private void retryingWhileLocked(FileOperation operation) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                operation.run();
                return;
            } catch (AccessDeniedException e) {
                if (directorySync || attempt >= LOCKED_RETRIES) {
                    throw e;
                }
                try {
                    Thread.sleep(LOCKED_RETRY_DELAY_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        if (!directorySync) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    @Override
    public void syncRename(Path renamed) throws IOException {
        if (directorySync) {
            syncDirectory(renamed.getParent());
            return;
        }
        // Windows: flushing the file commits its metadata, its new name included, on NTFS. Its content was
        // flushed before the rename; this is the best the platform offers for the rename itself.
        try {
            retryingWhileLocked(() -> {
                try (FileChannel file = FileChannel.open(renamed, StandardOpenOption.WRITE)) {
                    file.force(true);
                }
            });
        } catch (AccessDeniedException e) {
            log.warn("Cannot open {} to flush it after its rename", renamed.getFileName());
        }
    }

    @Override
    public boolean directorySyncSupported() {
        return directorySync;
    }

    @Override
    public boolean delete(Path file) throws IOException {
        boolean[] deleted = {false};
        retryingWhileLocked(() -> deleted[0] = Files.deleteIfExists(file));
        return deleted[0];
    }

    @Override
    public byte[] read(Path file, int limit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > limit) {
                throw new FileTooLarge(size);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading until the size read at open, or the end if the file shrank
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }
    }

    @Override
    public boolean append(Path file, byte[] bytes) throws IOException {
        boolean created = !Files.exists(file);
        Set<StandardOpenOption> options =
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_0600)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, options, attributes)) {
            write(channel, bytes);
            channel.force(true);
        }
        return created;
    }

    /** A file larger than the reader accepts. */
    static final class FileTooLarge extends IOException {
        FileTooLarge(long size) {
            super("file of " + size + " bytes is larger than a staged record may be");
        }
    }
}
