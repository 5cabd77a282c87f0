import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw cost of the staging area's durable file protocol, the limit of the "database down" figures of
 * bench/run.sh: create a temporary file, write ~600 bytes, fsync it, rename it atomically to its final
 * name, fsync the directory. No JSON, no encryption, no HTTP: only what the disk must do per staged write.
 *
 * <pre>java bench/DurableFiles.java DIRECTORY THREADS SECONDS [BYTES]</pre>
 *
 * Prints one line: {@code files_per_s p50_ms p99_ms max_ms files}. Every file is deleted afterwards.
 */
public class DurableFiles {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java DurableFiles.java DIRECTORY THREADS SECONDS [BYTES]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int bytes = args.length > 3 ? Integer.parseInt(args[3]) : 600;
        byte[] content = new byte[bytes];
        Arrays.fill(content, (byte) 'x');

        // warm up the code path (and the file system's metadata) for a moment, uncounted
        run(dir, threads, 0.5, content, new ArrayList<>());
        List<long[]> latencies = new ArrayList<>();
        long t0 = System.nanoTime();
        long files = run(dir, threads, seconds, content, latencies);
        double elapsed = (System.nanoTime() - t0) / 1e9;

        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        System.out.printf(
                java.util.Locale.ROOT,
                "%.0f %.2f %.2f %.2f %d%n",
                files / elapsed,
                percentile(all, 50) / 1e6,
                percentile(all, 99) / 1e6,
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                files);
        try (var stream = Files.list(dir)) {
            for (Path p : stream.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long run(Path dir, int threads, double seconds, byte[] content, List<long[]> latencies)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong count = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[400_000];
            latencies.add(mine);
            Thread worker = new Thread(() -> {
                int i = 0;
                try {
                    while (System.nanoTime() < deadline && i < mine.length) {
                        long start = System.nanoTime();
                        String name = UUID.randomUUID().toString();
                        Path tmp = dir.resolve(name + ".tmp");
                        try (FileChannel ch = FileChannel.open(
                                tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                            ByteBuffer buffer = ByteBuffer.wrap(content);
                            while (buffer.hasRemaining()) {
                                ch.write(buffer);
                            }
                            ch.force(true);
                        }
                        Files.move(tmp, dir.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE);
                        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                            d.force(true);
                        }
                        mine[i++] = System.nanoTime() - start;
                        count.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return count.get();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
