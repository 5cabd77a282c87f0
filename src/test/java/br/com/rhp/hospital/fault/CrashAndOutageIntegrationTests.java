package br.com.rhp.hospital.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.rhp.hospital.fault.Api.Reply;
import br.com.rhp.hospital.support.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The whole promise under faults, Jepsen-style: three nodes of the packaged service (separate
 * processes, started by {@code deploy/hospital-api.sh}) share one PostgreSQL database, each through its
 * own TCP proxy. Six clients write every kind of form while a nemesis, driven by a fixed seed, cuts
 * each node's database (connections refused) or black-holes it (accepted, never answered) —
 * differently per node, so outages and replays overlap — restores it, and kills nodes with SIGKILL
 * while they are staging and while they are replaying, then starts them again on the same staging
 * folder. Once every backlog has drained, {@link Audit} checks every answer against the database.
 *
 * <p>Runs once, in failsafe's PostgreSQL execution (it brings its own nodes and database).
 * {@code -Dfault.seed=N} replays a run's choices; {@code -Dfault.rounds=N} makes it longer.
 */
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
class CrashAndOutageIntegrationTests {

    private static final long SEED = Long.getLong("fault.seed", 20261127L);
    private static final int ROUNDS = Integer.getInteger("fault.rounds", 2);

    @Test
    void threeNodesNeitherLoseNorDoubleAnAcknowledgedWriteThroughOutagesAndKills() throws Exception {
        long began = System.nanoTime();
        Random nemesis = new Random(SEED);
        Map<String, Object> events = new LinkedHashMap<>();
        List<String> timeline = new ArrayList<>();
        int killsWhileStaging = 0, killsWhileReplaying = 0, killsAfterReplay = 0, refusals = 0, blackholes = 0;
        try (FaultCluster cluster = new FaultCluster("load")) {
            for (int i = 0; i < 3; i++) {
                cluster.addNode();
            }
            cluster.startAll();
            List<ServiceNode> nodes = cluster.nodes();
            Map<String, Api> apis = new LinkedHashMap<>();
            List<Api> clients = new ArrayList<>();
            for (ServiceNode node : nodes) {
                apis.put(node.name(), new Api(node));
                clients.add(new Api(node));
                clients.add(new Api(node));
            }
            Workload load = new Workload(clients, SEED);
            load.start();
            progress(load, 30);

            for (int round = 1; round <= ROUNDS; round++) {
                // overlapping outages: each node's database path goes its own way
                StringBuilder modes = new StringBuilder("round " + round + ":");
                for (ServiceNode node : nodes) {
                    TcpProxy proxy = cluster.proxy(node);
                    switch (nemesis.nextInt(3)) {
                        case 0 -> proxy.forward();
                        case 1 -> {
                            proxy.refuse();
                            refusals++;
                        }
                        default -> {
                            proxy.blackhole();
                            blackholes++;
                        }
                    }
                    modes.append(' ').append(node.name()).append('=').append(proxy.mode());
                }
                if (nodes.stream().allMatch(n -> cluster.proxy(n).mode() == TcpProxy.Mode.FORWARD)) {
                    ServiceNode out = nodes.get(nemesis.nextInt(nodes.size()));
                    cluster.proxy(out).refuse();
                    refusals++;
                    modes.append(" then ").append(out.name()).append("=REFUSE");
                }
                timeline.add(modes.toString());
                progress(load, 40 + nemesis.nextInt(40));

                // SIGKILL while staging: a node whose database is out
                List<ServiceNode> cut = nodes.stream()
                        .filter(n -> cluster.proxy(n).mode() != TcpProxy.Mode.FORWARD)
                        .toList();
                ServiceNode victim =
                        cut.isEmpty() ? nodes.get(nemesis.nextInt(nodes.size())) : cut.get(nemesis.nextInt(cut.size()));
                long pendingBefore = pending(apis.get(victim.name()));
                victim.kill();
                if (cluster.proxy(victim).mode() != TcpProxy.Mode.FORWARD) {
                    killsWhileStaging++;
                }
                timeline.add("  killed " + victim.name() + " (database "
                        + cluster.proxy(victim).mode() + ", " + pendingBefore + " pending)");
                progress(load, 20);
                victim.start();

                // the database comes back to every node; SIGKILL one of them in the middle of its replay
                // (the one with the largest backlog, so that the replay takes long enough to be interrupted)
                ServiceNode replaying = victim;
                long backlog = -1;
                for (ServiceNode node : nodes) {
                    long p = pending(apis.get(node.name()));
                    if (p > backlog) {
                        backlog = p;
                        replaying = node;
                    }
                }
                for (ServiceNode node : nodes) {
                    if (node != replaying) {
                        cluster.proxy(node).forward();
                    }
                }
                backlog = pending(apis.get(replaying.name()));
                cluster.proxy(replaying).forward();
                Api api = apis.get(replaying.name());
                long before = backlog;
                long[] seen = {backlog};
                await("replay under way on " + replaying.name())
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            seen[0] = pending(api);
                            return seen[0] < before || seen[0] == 0;
                        });
                replaying.kill();
                if (seen[0] > 0) {
                    killsWhileReplaying++;
                } else {
                    killsAfterReplay++;
                }
                timeline.add("  killed " + replaying.name() + " while replaying (" + backlog + " pending, " + seen[0]
                        + " left)");
                progress(load, 20);
                replaying.start();
                progress(load, 20);
            }

            for (ServiceNode node : nodes) {
                cluster.proxy(node).forward();
            }
            progress(load, 30);
            load.stop();
            for (Api api : apis.values()) {
                await("backlog of " + api.node().name() + " drained")
                        .atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            api.post("/api/staging/replay", "{}");
                            return pending(api) == 0;
                        });
            }

            events.put("nodes", nodes.size());
            events.put("clients", clients.size());
            events.put("rounds", ROUNDS);
            events.put("db_refused", refusals);
            events.put("db_blackholed", blackholes);
            events.put("kills_staging", killsWhileStaging);
            events.put("kills_replaying", killsWhileReplaying);
            events.put("kills_after_replay", killsAfterReplay);
            events.put(
                    "node_starts", nodes.stream().mapToInt(ServiceNode::starts).sum());
            Function<String, Api> byName = apis::get;
            Audit audit = new Audit(cluster.database(), byName).check(new ArrayList<>(load.history()));
            events.put("seconds", (System.nanoTime() - began) / 1_000_000_000L);
            System.out.println(String.join("\n", timeline));
            System.out.println(audit.report("fault suite: three nodes, outages and SIGKILL", SEED, events));

            assertThat(audit.problems).as("problems").isEmpty();
            assertThat(audit.figure("lost")).as("lost").isZero();
            assertThat(audit.figure("duplicated")).as("duplicated").isZero();
            assertThat(audit.figure("refused_but_applied"))
                    .as("refused but applied")
                    .isZero();
            assertThat(audit.figure("order_violations")).as("order violations").isZero();
            assertThat(audit.figure("server_errors_5xx"))
                    .as("5xx other than 503")
                    .isZero();
            // the stories never contradict each other: every acknowledged write must have been applied
            assertThat(audit.figure("quarantined") + audit.figure("conflicts"))
                    .as("quarantined or in conflict")
                    .isZero();
            assertThat(audit.figure("staged_202")).as("staged writes").isPositive();
            assertThat(audit.figure("applied_now_201_200")).as("live writes").isPositive();
            assertThat(killsWhileStaging + killsWhileReplaying).isPositive();

            contradictoryAdmissionsFromTwoCutOffNodesEndInOneBedAndOneConflict(cluster, apis);
        }
    }

    /**
     * The conflict queue at work: two nodes, each cut off from the database, admit a different patient
     * into the same free bed. Both are acknowledged (202); at replay one takes the bed and the other goes
     * to its node's conflict queue with the reason — held for a person, not lost, not overwritten.
     */
    private static void contradictoryAdmissionsFromTwoCutOffNodesEndInOneBedAndOneConflict(
            FaultCluster cluster, Map<String, Api> apis) throws Exception {
        ServiceNode a = cluster.nodes().get(0);
        ServiceNode b = cluster.nodes().get(1);
        Api apiA = apis.get(a.name());
        Api apiB = apis.get(b.name());
        String unidade = created(apiA.post("/api/unidades", """
                {"codigo": "UC-CONFLITO", "nome": "Enfermaria", "tipo": "ENFERMARIA", "aceita_internacao": true}
                """));
        String leito = created(apiA.post("/api/leitos", """
                {"unidade_id": "%s", "codigo": "LC-1", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                """.formatted(unidade)));
        String paciente1 = created(apiA.post("/api/pacientes", paciente()));
        String paciente2 = created(apiB.post("/api/pacientes", paciente()));
        cluster.proxy(a).refuse();
        cluster.proxy(b).refuse();
        Reply first = apiA.post("/api/atendimentos", internacao(paciente1, leito));
        Reply second = apiB.post("/api/atendimentos", internacao(paciente2, leito));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        cluster.proxy(a).forward();
        cluster.proxy(b).forward();
        for (Api api : List.of(apiA, apiB)) {
            await("backlog of " + api.node().name() + " drained")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        api.post("/api/staging/replay", "{}");
                        return pending(api) == 0;
                    });
        }
        Reply r1 = apiA.get("/api/staging/operations/" + first.operationId());
        Reply r2 = apiB.get("/api/staging/operations/" + second.operationId());
        List<String> states = List.of(
                r1.json().get("status").asString(), r2.json().get("status").asString());
        Reply conflict = states.get(0).equals("CONFLICT") ? r1 : r2;
        System.out.println("contradictory admissions into one bed from two cut-off nodes: " + states + "; reason: "
                + conflict.json().get("motivo").asString());
        assertThat(states).containsExactlyInAnyOrder("APPLIED", "CONFLICT");
        try (java.sql.Connection c = cluster.database().connect();
                java.sql.PreparedStatement q =
                        c.prepareStatement("SELECT COUNT(*) FROM ocupacao WHERE leito_id = ? AND fim IS NULL")) {
            q.setString(1, leito);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("open occupancies of the bed").isEqualTo(1);
            }
        }
    }

    private static String created(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.entityId();
    }

    private static String paciente() {
        return """
                {"nome": "Antônia Ferreira", "cpf": "%s", "data_nascimento": "1965-09-30", "sexo": "F"}
                """.formatted(br.com.rhp.hospital.support.Ids.cpf());
    }

    private static String internacao(String paciente, String leito) {
        return """
                {"paciente_id": "%s", "tipo": "INTERNACAO", "carater": "URGENCIA", "procedencia": "DEMANDA_ESPONTANEA",
                 "leito_id": "%s", "financiamento": "SUS"}
                """.formatted(paciente, leito);
    }

    private static void progress(Workload load, int writes) {
        long target = load.completed() + writes;
        await("clients' progress")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> load.completed() >= target);
    }

    private static long pending(Api api) {
        Reply r = api.get("/api/staging");
        if (r.status() != 200) {
            throw new IllegalStateException(
                    "GET /api/staging on " + api.node().name() + ": " + r.status() + " " + r.body());
        }
        return r.json().get("pendentes").asLong();
    }
}
