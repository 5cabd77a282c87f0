package br.com.rhp.hospital.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.rhp.hospital.fault.Api.Reply;
import br.com.rhp.hospital.support.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A staging volume that really fills up: a 512 KiB tmpfs mounted for the test, with the free-space
 * threshold off ({@code STAGING_MIN_FREE_BYTES=0}), so the node meets the kernel's ENOSPC itself. With
 * the database down, writes are staged until the disk is full, then refused with 503 (not saved);
 * after the volume grows ({@code mount -o remount,size=…}) the node stages again, and once the
 * database returns every acknowledged write is in it once and no refused one is.
 *
 * <p>Mounting needs root (or CAP_SYS_ADMIN); where the suite cannot mount, this test is skipped with
 * the reason, and the threshold path stays covered by {@code StagingDiskFullIntegrationTests}.
 */
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
class FullStagingDiskIntegrationTests {

    @Test
    void refusesWithServiceUnavailableWhenTheStagingDiskIsFullAndResumesWhenSpaceReturns() throws Exception {
        try (FaultCluster cluster = new FaultCluster("diskfull")) {
            Path volume = Files.createDirectories(cluster.root().resolve("volume"));
            String mounted = run("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", volume.toString());
            Assumptions.assumeTrue(mounted.isEmpty(), () -> "cannot mount a small tmpfs here: " + mounted);
            try {
                ServiceNode node = cluster.addNode(
                        Map.of("STAGING_MIN_FREE_BYTES", "0", "CRONTAB", "off"), volume.resolve("staging"), List.of());
                cluster.proxy(node).refuse();
                node.start();
                Api api = new Api(node);

                List<String> acknowledged = new ArrayList<>();
                List<String> refused = new ArrayList<>();
                int consecutiveRefusals = 0;
                for (int i = 0; i < 5000 && consecutiveRefusals < 25; i++) {
                    String cpf = Ids.cpf();
                    Reply reply = api.post("/api/pacientes", paciente(cpf));
                    if (reply.status() == 202) {
                        acknowledged.add(cpf);
                        consecutiveRefusals = 0;
                    } else {
                        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
                        assertThat(reply.body()).contains("não");
                        refused.add(cpf);
                        consecutiveRefusals++;
                    }
                }
                System.out.printf(
                        "disk full: %d staged (202) before the 512 KiB volume filled, %d refused (503)%n",
                        acknowledged.size(), refused.size());
                assertThat(acknowledged).isNotEmpty();
                assertThat(consecutiveRefusals).isEqualTo(25);

                // space returns: the node stages again, the database still down
                assertThat(run("mount", "-o", "remount,size=16m", volume.toString()))
                        .isEmpty();
                await("staging again").atMost(Duration.ofSeconds(30)).until(() -> {
                    String cpf = Ids.cpf();
                    Reply reply = api.post("/api/pacientes", paciente(cpf));
                    (reply.status() == 202 ? acknowledged : refused).add(cpf);
                    return reply.status() == 202;
                });

                cluster.proxy(node).forward();
                await("staging drained")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(300))
                        .until(() -> {
                            api.post("/api/staging/replay", "{}");
                            Reply r = api.get("/api/staging");
                            return r.status() == 200
                                    && r.json().get("pendentes").asLong() == 0;
                        });
                try (Connection c = cluster.database().connect()) {
                    for (String cpf : acknowledged) {
                        assertThat(patients(c, cpf)).as("acknowledged " + cpf).isEqualTo(1);
                    }
                    for (String cpf : refused) {
                        assertThat(patients(c, cpf)).as("refused " + cpf).isZero();
                    }
                }
                Reply stats = api.get("/api/staging");
                assertThat(stats.json().get("quarentena").asLong()).isZero();
                node.kill();
            } finally {
                run("umount", "-l", volume.toString());
            }
        }
    }

    private static String paciente(String cpf) {
        return """
                {"nome": "Maria José de Lima", "cpf": "%s", "data_nascimento": "1988-07-02", "sexo": "F"}
                """.formatted(cpf);
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

    /** Runs a command; empty when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            return out.isBlank() ? String.join(" ", command) + " failed" : out.strip();
        }
        return "";
    }
}
