package br.com.rhp.hospital.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of hospital-api as production runs it: the packaged jar, started by {@code
 * deploy/hospital-api.sh} in a process of its own, configured only through environment variables. It
 * can be killed with SIGKILL ({@link Process#destroyForcibly()}) at any moment and started again on the
 * same staging folder and port.
 */
final class ServiceNode implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String PASSWORD = "senha-do-admin-de-teste";

    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Path directory;
    private final Path staging;
    private final Path log;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> prefix;
    private volatile Process process;
    private volatile boolean up;
    private int starts;

    /**
     * @param prefix words before the launcher (e.g. {@code setpriv} to run as another user), or empty
     */
    ServiceNode(String name, Path directory, Path staging, Map<String, String> settings, List<String> prefix) {
        this.name = name;
        this.port = freePort();
        this.directory = directory;
        this.staging = staging;
        this.log = directory.resolve(name + ".log");
        this.prefix = List.copyOf(prefix);
        environment.put("NODE_ID", name);
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("STAGING_AREA_PATH", staging.toString());
        environment.put("IS_ABSOLUTE_STAGING_AREA_PATH", "true");
        environment.put("HOSPITAL_ADMIN_USER", ADMIN);
        environment.put("HOSPITAL_ADMIN_PASSWORD", PASSWORD);
        environment.put("AUTH_CACHE_TTL", "PT10M");
        environment.put("SAMPLE_DATA", "false");
        environment.putAll(settings);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path staging() {
        return staging;
    }

    Path log() {
        return log;
    }

    boolean isUp() {
        return up;
    }

    int starts() {
        return starts;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Starts the process and waits until it answers HTTP. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new java.util.ArrayList<>(prefix);
        command.add("sh");
        command.add(Launcher.script().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Launcher.baseEnvironment(directory));
        env.putAll(environment);
        try {
            Files.writeString(
                    log,
                    "==== start " + (starts + 1) + " of " + name + " ====\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        starts++;
        Process started = process;
        await("node " + name + " answering HTTP")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new AssertionError(name + " exited with " + started.exitValue() + "; log:\n" + tail());
                    }
                    return answers();
                });
        up = true;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing finished. */
    synchronized void kill() {
        up = false;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " survived SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    void restart() {
        kill();
        start();
    }

    @Override
    public void close() {
        kill();
    }

    private boolean answers() {
        try {
            HttpResponse<Void> r = PROBE.send(
                    HttpRequest.newBuilder(uri("/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 || r.statusCode() == 503;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The end of the node's output, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
