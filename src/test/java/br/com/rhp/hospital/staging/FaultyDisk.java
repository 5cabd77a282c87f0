package br.com.rhp.hospital.staging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The real disk, with a fault armed at one step of the commit protocol: an {@link IOException}, or a
 * {@link SimulatedCrash} that unwinds the store like a killed process (no cleanup runs, since the store
 * only cleans up after an {@code IOException}). Also simulates a full volume, Windows (no directory
 * flush) and, for tests that write thousands of files, a disk that skips the flushes.
 */
final class FaultyDisk implements StagingDisk {

    enum Step {
        CREATE,
        WRITE,
        FORCE,
        MOVE,
        REPLACE,
        SYNC_RENAME,
        SYNC_DIRECTORY,
        DELETE,
        APPEND
    }

    enum Fault {
        IO_ERROR,
        CRASH
    }

    /** Thrown instead of dying: an {@link Error}, so no {@code catch (IOException)} in the store sees it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(Step step) {
            super("simulated crash at " + step);
        }
    }

    private final LocalDisk real = new LocalDisk(true, true);
    private volatile Step armedStep;
    private volatile Fault armedFault;
    private volatile Predicate<Path> armedFor = path -> true;
    private final AtomicInteger skipBeforeFault = new AtomicInteger();
    private volatile long usableSpace = -1;
    private volatile boolean windows;
    private volatile boolean skipFlushes;
    private volatile Path vanishOnRead;

    /** Fails the next call of {@code step}. */
    FaultyDisk failAt(Step step, Fault fault) {
        return failAt(step, fault, 0, path -> true);
    }

    /** Fails the call of {@code step} on a path matching {@code which}, after letting {@code skip} such calls pass. */
    FaultyDisk failAt(Step step, Fault fault, int skip, Predicate<Path> which) {
        this.armedFor = which;
        this.skipBeforeFault.set(skip);
        this.armedFault = fault;
        this.armedStep = step;
        return this;
    }

    FaultyDisk disarm() {
        armedStep = null;
        return this;
    }

    FaultyDisk usableSpace(long bytes) {
        usableSpace = bytes;
        return this;
    }

    FaultyDisk likeWindows() {
        windows = true;
        return this;
    }

    /** For tests of naming and ordering with thousands of files, where fsync would only cost time. */
    FaultyDisk withoutFlushes() {
        skipFlushes = true;
        return this;
    }

    /** Deletes {@code file} just before the store reads it, as a concurrent discard would. */
    FaultyDisk vanishOnRead(Path file) {
        vanishOnRead = file;
        return this;
    }

    private synchronized boolean due(Step step, Path path) {
        if (armedStep != step || !armedFor.test(path)) {
            return false;
        }
        if (skipBeforeFault.getAndDecrement() > 0) {
            return false;
        }
        armedStep = null;
        return true;
    }

    private void fail(Step step) throws IOException {
        if (armedFault == Fault.CRASH) {
            throw new SimulatedCrash(step);
        }
        throw new IOException("simulated I/O error at " + step);
    }

    private void maybeFail(Step step, Path path) throws IOException {
        if (due(step, path)) {
            fail(step);
        }
    }

    @Override
    public long usableSpace(Path directory) throws IOException {
        return usableSpace >= 0 ? usableSpace : real.usableSpace(directory);
    }

    @Override
    public void createDirectory(Path directory) throws IOException {
        real.createDirectory(directory);
    }

    private final ThreadLocal<Path> channelPath = new ThreadLocal<>();

    @Override
    public FileChannel createNew(Path file) throws IOException {
        maybeFail(Step.CREATE, file);
        channelPath.set(file);
        return real.createNew(file);
    }

    @Override
    public void write(FileChannel channel, byte[] bytes) throws IOException {
        if (due(Step.WRITE, channelPath.get())) {
            // a torn write: half of the bytes reach the file before the failure
            real.write(channel, Arrays.copyOf(bytes, bytes.length / 2));
            fail(Step.WRITE);
        }
        real.write(channel, bytes);
    }

    @Override
    public void force(FileChannel channel) throws IOException {
        maybeFail(Step.FORCE, channelPath.get());
        if (!skipFlushes) {
            real.force(channel);
        }
    }

    @Override
    public void move(Path source, Path target) throws IOException {
        maybeFail(Step.MOVE, target);
        real.move(source, target);
    }

    @Override
    public void replace(Path source, Path target) throws IOException {
        maybeFail(Step.REPLACE, target);
        real.replace(source, target);
    }

    @Override
    public void syncDirectory(Path directory) throws IOException {
        maybeFail(Step.SYNC_DIRECTORY, directory);
        if (!windows && !skipFlushes) {
            real.syncDirectory(directory);
        }
    }

    @Override
    public void syncRename(Path renamed) throws IOException {
        maybeFail(Step.SYNC_RENAME, renamed);
        if (!skipFlushes) {
            real.syncRename(renamed);
        }
    }

    @Override
    public boolean directorySyncSupported() {
        return !windows;
    }

    @Override
    public boolean delete(Path file) throws IOException {
        maybeFail(Step.DELETE, file);
        return real.delete(file);
    }

    @Override
    public byte[] read(Path file, int limit) throws IOException {
        if (file.equals(vanishOnRead)) {
            Files.delete(file);
        }
        return real.read(file, limit);
    }

    @Override
    public boolean append(Path file, byte[] bytes) throws IOException {
        maybeFail(Step.APPEND, file);
        return real.append(file, bytes);
    }
}
