package br.com.rhp.hospital.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.rhp.hospital.fault.Api.Reply;
import br.com.rhp.hospital.support.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A damaged staging area on a running node of the packaged service: files truncated, overwritten with
 * garbage, of an unknown format version, unreadable by the service's account, and a file removed while
 * the replay runs. Each is quarantined with its reason or reported; every other staged write still
 * reaches the database, once.
 *
 * <p>The service runs as an unprivileged account (uid 65534, through {@code setpriv}) when the suite
 * runs as root, because root reads a file whatever its permissions are.
 */
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
class DamagedStagingAreaIntegrationTests {

    private static final long SEED = Long.getLong("fault.seed", 20261127L);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final String NOBODY = "65534";

    @Test
    void quarantinesEachDamagedFileAndReplaysTheRest() throws Exception {
        Random random = new Random(SEED);
        try (FaultCluster cluster = new FaultCluster("damaged")) {
            ServiceNode node = cluster.addNode(
                    Map.of("CRONTAB", "off", "REPLAY_BATCH_SIZE", "1"),
                    null,
                    ROOT
                            ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--")
                            : List.of());
            if (ROOT) {
                run("chmod", "755", cluster.root().toString());
                run(
                        "chown",
                        "-R",
                        NOBODY + ":" + NOBODY,
                        cluster.root().resolve(node.name()).toString());
            }
            cluster.proxy(node).refuse();
            node.start();
            Api api = new Api(node);

            Map<String, String> cpfByOperation = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                stage(api, cpfByOperation);
            }
            node.kill();

            List<Path> files = pendingFiles(node.staging());
            assertThat(files).hasSize(12);
            Map<String, String> damage = new LinkedHashMap<>();
            Path truncated = files.get(1);
            Files.write(
                    truncated, java.util.Arrays.copyOf(Files.readAllBytes(truncated), (int) Files.size(truncated) / 2));
            damage.put(operationId(truncated), "truncated");
            Path garbage = files.get(4);
            byte[] noise = new byte[(int) Files.size(garbage)];
            random.nextBytes(noise);
            Files.write(garbage, noise);
            damage.put(operationId(garbage), "garbage bytes");
            Path future = files.get(7);
            String text = Files.readString(future, StandardCharsets.UTF_8);
            // whatever version this node writes, a version from the future must be refused
            assertThat(text).containsPattern("\"format_version\"\\s*:\\s*\\d+");
            Files.writeString(
                    future,
                    text.replaceFirst("\"format_version\"\\s*:\\s*\\d+", "\"format_version\" : 99"),
                    StandardCharsets.UTF_8);
            damage.put(operationId(future), "unknown format version");
            Path unreadable = files.get(10);
            Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
            damage.put(operationId(unreadable), "unreadable (mode 000)");

            cluster.proxy(node).forward();
            node.start();
            drain(api);

            Map<String, String> reasons = new LinkedHashMap<>();
            try (Connection c = cluster.database().connect()) {
                for (Map.Entry<String, String> e : cpfByOperation.entrySet()) {
                    String operation = e.getKey();
                    long rows = patients(c, e.getValue());
                    if (damage.containsKey(operation)) {
                        Reply status = api.get("/api/staging/operations/" + operation);
                        assertThat(status.status()).as(damage.get(operation)).isEqualTo(200);
                        assertThat(status.json().get("status").asString())
                                .as(damage.get(operation))
                                .isEqualTo("QUARANTINED");
                        String motivo = status.json().get("motivo").asString();
                        assertThat(motivo).as(damage.get(operation)).isNotBlank();
                        reasons.put(damage.get(operation), motivo);
                        assertThat(rows).as(damage.get(operation)).isZero();
                    } else {
                        assertThat(rows).as("intact staged write " + operation).isEqualTo(1);
                    }
                }
            }
            reasons.forEach((what, why) -> System.out.println("quarantined, " + what + ": " + why));

            // a file removed while the replay runs: reported, and the replay goes on with the others
            cluster.proxy(node).refuse();
            await("circuit open").atMost(Duration.ofSeconds(30)).until(() -> stage(api, cpfByOperation) == 202);
            Map<String, String> second = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                assertThat(stage(api, second)).isEqualTo(202);
            }
            List<Path> queued = pendingFiles(node.staging());
            Path removed = queued.get(queued.size() - 1);
            String removedOperation = operationId(removed);
            cluster.proxy(node).forward();
            await("replay under way")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> pendingFiles(node.staging()).size() < queued.size());
            boolean removedMidReplay = Files.deleteIfExists(removed);
            drain(api);
            try (Connection c = cluster.database().connect()) {
                for (Map.Entry<String, String> e : second.entrySet()) {
                    long rows = patients(c, e.getValue());
                    if (e.getKey().equals(removedOperation)) {
                        assertThat(rows)
                                .as("the removed file's write, at most once")
                                .isLessThanOrEqualTo(1);
                    } else {
                        assertThat(rows).as("staged write " + e.getKey()).isEqualTo(1);
                    }
                }
            }
            System.out.println("file removed mid-replay: " + removedMidReplay + " (" + removedOperation + ")");
            // the node goes on: a write now is applied at once
            assertThat(api.post("/api/pacientes", paciente(Ids.cpf())).status()).isEqualTo(201);
        }
    }

    private static int stage(Api api, Map<String, String> cpfByOperation) {
        String cpf = Ids.cpf();
        Reply reply = api.post("/api/pacientes", paciente(cpf));
        if (reply.status() == 202) {
            cpfByOperation.put(reply.operationId(), cpf);
        }
        return reply.status();
    }

    private static String paciente(String cpf) {
        return """
                {"nome": "Severina da Silva", "cpf": "%s", "data_nascimento": "1950-01-20", "sexo": "F"}
                """.formatted(cpf);
    }

    private static void drain(Api api) {
        await("staging drained")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    api.post("/api/staging/replay", "{}");
                    Reply r = api.get("/api/staging");
                    return r.status() == 200 && r.json().get("pendentes").asLong() == 0;
                });
    }

    private static long patients(Connection c, String cpf) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM paciente WHERE cpf = ?")) {
            s.setString(1, cpf);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The pending files (not quarantine, conflicts or the journal), in the order they were staged. Called
     * while the node replays them too: a file or folder removed during the walk is simply not listed.
     */
    static List<Path> pendingFiles(Path staging) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String action : List.of("create", "update")) {
            Path dir = staging.resolve(action);
            if (Files.isDirectory(dir)) {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (file.getFileName().toString().endsWith(".json")) {
                            files.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                        if (e != null && !(e instanceof NoSuchFileException)) {
                            throw e;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
        files.sort(
                (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    private static String operationId(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - ".json".length());
        return stem.substring(stem.length() - 36);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
