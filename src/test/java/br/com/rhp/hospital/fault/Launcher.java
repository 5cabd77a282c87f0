package br.com.rhp.hospital.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds what {@code ./mvnw package} built — the fat jar in {@code target/} — and the launcher
 * production uses, {@code deploy/hospital-api.sh}, and prepares the launcher's cache (extracted jar
 * and class-data-sharing archive) once per test JVM, so that every node start after the first is fast.
 */
final class Launcher {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static boolean prepared;

    private Launcher() {}

    static Path script() {
        return PROJECT.resolve("deploy/hospital-api.sh");
    }

    static Path jar() {
        try (Stream<Path> files = Files.list(PROJECT.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("hospital-api-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no target/hospital-api-*.jar: the fault suite runs after `./mvnw package`"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path cache() {
        return PROJECT.resolve("target/fault-launcher-cache");
    }

    /** The environment every node starts from: nothing inherited but the basics. */
    static Map<String, String> baseEnvironment(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HOSPITAL_API_JAR", jar().toString());
        env.put("HOSPITAL_API_CACHE", cache().toString());
        return env;
    }

    /**
     * Runs {@code hospital-api.sh prepare} once: extraction and the AppCDS training run. The cache is
     * then made writable by everyone, so that a node started as another user can use it too.
     */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        try {
            Files.createDirectories(cache());
            Path log = cache().resolve("prepare.log");
            ProcessBuilder builder = new ProcessBuilder("sh", script().toString(), "prepare")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(baseEnvironment(cache()));
            Process p = builder.start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "hospital-api.sh prepare failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            new ProcessBuilder(List.of("chmod", "-R", "a+rwX", cache().toString()))
                    .start()
                    .waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        prepared = true;
    }
}
