import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a CPU profile that async-profiler wrote in its "collapsed" format with one thread per stack
 * ({@code threads,collapsed}: each line {@code [thread tid=N];frame;frame;... samples}), as bench/run.sh
 * writes it with {@code BENCH_PROFILE=1}, and prints where the CPU time of some threads went.
 *
 * <pre>java bench/Profile.java FILE [THREAD_PREFIX [FRAME_REGEX]]</pre>
 *
 * <ul>
 *   <li>the CPU time of each thread (with {@code event=ctimer} a sample is a millisecond of that thread's
 *       CPU);
 *   <li>for the threads whose name starts with THREAD_PREFIX (all when empty): the share of their samples
 *       in which each frame matching FRAME_REGEX is on the stack (inclusive), and the 25 frames most often
 *       on top of the stack (self). The default regex keeps the application's own methods.
 * </ul>
 *
 * Why this and not only JFR: JFR samples a thread only while it runs Java code, so a thread that spends
 * most of its time between Java and the database driver's socket reads (the replay) is undersampled and
 * costs in the JVM or in system calls are not seen; a CPU-time timer per thread sees both.
 */
public class Profile {

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java Profile.java FILE [THREAD_PREFIX [FRAME_REGEX]]");
            System.exit(2);
        }
        String prefix = args.length > 1 ? args[1] : "";
        Pattern frames = Pattern.compile(args.length > 2 ? args[2] : "^br[./]com[./]rhp[./]hospital[./]");
        Map<String, Long> perThread = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        long selected = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).trim());
            String[] stack = line.substring(0, space).split(";");
            String thread = threadName(stack[0]);
            perThread.merge(thread, samples, Long::sum);
            if (!thread.startsWith(prefix)) {
                continue;
            }
            selected += samples;
            self.merge(stack[stack.length - 1], samples, Long::sum);
            Set<String> seen = new HashSet<>();
            for (int i = 1; i < stack.length; i++) {
                String frame = stack[i].replaceAll("\\$\\$Lambda[^.;]*", "\\$\\$Lambda");
                if (frames.matcher(frame).find() && seen.add(frame)) {
                    inclusive.merge(frame, samples, Long::sum);
                }
            }
        }
        System.out.println("CPU samples per thread (threads with at least 0.5% of them):");
        long all = perThread.values().stream().mapToLong(Long::longValue).sum();
        for (Map.Entry<String, Long> e : sorted(perThread)) {
            if (e.getValue() * 200 >= all) {
                System.out.printf("  %8d  %s%n", e.getValue(), e.getKey());
            }
        }
        System.out.printf("%nThreads \"%s*\": %d samples%n%nOn the stack (inclusive), frames matching %s:%n",
                prefix, selected, frames.pattern());
        print(inclusive, selected, 60);
        System.out.printf("%nOn top of the stack (self):%n");
        print(self, selected, 25);
    }

    /** {@code [http-nio-8080-exec-3 tid=123]} → {@code http-nio-8080-exec-N}: threads of one pool together. */
    private static String threadName(String frame) {
        String name = frame.replaceAll("^\\[|\\]$", "").replaceAll(" tid=\\d+", "");
        return name.replaceAll("-\\d+$", "-N");
    }

    private static void print(Map<String, Long> counts, long total, int limit) {
        if (total == 0) {
            System.out.println("  (no samples)");
            return;
        }
        int shown = 0;
        for (Map.Entry<String, Long> e : sorted(counts)) {
            if (shown++ == limit) {
                break;
            }
            System.out.printf("  %5.1f%%  %s%n", e.getValue() * 100.0 / total, e.getKey());
        }
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        return entries;
    }
}
