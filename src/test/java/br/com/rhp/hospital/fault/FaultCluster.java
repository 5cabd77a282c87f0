package br.com.rhp.hospital.fault;

import br.com.rhp.hospital.support.TcpProxy;
import br.com.rhp.hospital.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL database and nodes of the packaged service in their own processes, each reaching
 * the database through a {@link TcpProxy} of its own, so that each node's outage can differ.
 */
final class FaultCluster implements AutoCloseable {

    private final TestDatabase.Database database;
    private final Path root;
    private final List<ServiceNode> nodes = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final String key;

    FaultCluster(String name) {
        Launcher.prepare();
        this.database = TestDatabase.createPostgres();
        try {
            // under target/: node logs stay for a look after a failure, and `mvn clean` removes them
            Path runs = Files.createDirectories(Path.of("target", "fault-runs").toAbsolutePath());
            this.root = Files.createTempDirectory(runs, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = Base64.getEncoder().encodeToString(k);
    }

    TestDatabase.Database database() {
        return database;
    }

    Path root() {
        return root;
    }

    /** Adds a node (not started) with its own proxy, staging folder and working folder. */
    ServiceNode addNode(Map<String, String> overrides, Path staging, List<String> prefix) {
        int index = nodes.size() + 1;
        String name = "node" + index;
        TcpProxy proxy = new TcpProxy(database.port());
        Map<String, String> settings = new HashMap<>();
        settings.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name());
        settings.put("DATABASE_USERNAME", database.username());
        settings.put("DATABASE_PASSWORD", database.password());
        settings.put("DATABASE_CONNECT_TIMEOUT_SECONDS", "1");
        settings.put("DATABASE_SOCKET_TIMEOUT_SECONDS", "2");
        settings.put("DATABASE_CONNECT_TIMEOUT_MS", "1000");
        settings.put("DATABASE_VALIDATION_TIMEOUT_MS", "500");
        settings.put("DATABASE_RETRY_INTERVAL", "PT1S");
        settings.put("DATABASE_PROBE_INTERVAL", "PT0.5S");
        settings.put("DATABASE_WRITE_TIMEOUT", "PT1S");
        settings.put("DATABASE_POOL_SIZE", "4");
        settings.put("STAGING_ENCRYPTION_KEY", key);
        settings.put("STAGING_MIN_FREE_BYTES", "1MB");
        settings.put("CRONTAB", "*/3 * * * * *");
        settings.put("REPLAY_ON_RECOVERY", "true");
        settings.put("REPLAY_BATCH_SIZE", "8");
        settings.putAll(overrides);
        try {
            Path directory = Files.createDirectories(root.resolve(name));
            Path stagingFolder = staging != null ? staging : directory.resolve("staging");
            ServiceNode node = new ServiceNode(name, directory, stagingFolder, settings, prefix);
            nodes.add(node);
            proxies.add(proxy);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ServiceNode addNode() {
        return addNode(Map.of(), null, List.of());
    }

    List<ServiceNode> nodes() {
        return nodes;
    }

    TcpProxy proxy(ServiceNode node) {
        return proxies.get(nodes.indexOf(node));
    }

    /** Starts every node, in parallel (they share two cores: one at a time would take longer). */
    void startAll() {
        List<Thread> starting = new ArrayList<>();
        for (ServiceNode node : nodes) {
            Thread t = new Thread(node::start, "start-" + node.name());
            t.start();
            starting.add(t);
        }
        for (Thread t : starting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        for (ServiceNode node : nodes) {
            if (!node.isUp()) {
                throw new IllegalStateException(node.name() + " did not start; log:\n" + node.tail());
            }
        }
    }

    @Override
    public void close() {
        for (ServiceNode node : nodes) {
            node.kill();
        }
        for (TcpProxy proxy : proxies) {
            proxy.close();
        }
    }
}
