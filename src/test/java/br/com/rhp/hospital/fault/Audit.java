package br.com.rhp.hospital.fault;

import br.com.rhp.hospital.fault.Api.Reply;
import br.com.rhp.hospital.fault.Workload.Kind;
import br.com.rhp.hospital.fault.Workload.Op;
import br.com.rhp.hospital.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares what the clients were told with what the central database holds, straight through JDBC
 * (past every proxy), once every node's staging area has drained.
 *
 * <ul>
 *   <li>acknowledged (200, 201, 202): in the database exactly once, with the id the answer gave — or,
 *       for a staged write, held in the node's quarantine or conflict queue (counted, never silently gone);
 *   <li>refused (4xx, 503): not in the database;
 *   <li>no answer (the node was killed or the request timed out): at most once;
 *   <li>a patient's updates: applied in the order they were acknowledged — the final state is the last
 *       acknowledged one (or a later unanswered one), and the patient's version is the number of
 *       updates in the ledger, so none was applied twice.
 * </ul>
 */
final class Audit {

    final Map<String, Long> figures = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    private final TestDatabase.Database database;
    private final Function<String, Api> apiOfNode;

    Audit(TestDatabase.Database database, Function<String, Api> apiOfNode) {
        this.database = database;
        this.apiOfNode = apiOfNode;
        for (String figure : List.of(
                "sent",
                "acknowledged",
                "applied_now_201_200",
                "staged_202",
                "refused_4xx",
                "refused_503",
                "no_answer",
                "server_errors_5xx",
                "applied",
                "quarantined",
                "conflicts",
                "lost",
                "duplicated",
                "refused_but_applied",
                "order_violations")) {
            figures.put(figure, 0L);
        }
    }

    long figure(String name) {
        return figures.get(name);
    }

    private void add(String figure, long n) {
        figures.merge(figure, n, Long::sum);
    }

    Audit check(List<Op> history) throws SQLException {
        try (Connection c = database.connect()) {
            for (Op op : history) {
                add("sent", 1);
                if (op.status() == 200 || op.status() == 201) {
                    add("acknowledged", 1);
                    add("applied_now_201_200", 1);
                } else if (op.status() == 202) {
                    add("acknowledged", 1);
                    add("staged_202", 1);
                } else if (op.status() == 503) {
                    add("refused_503", 1);
                } else if (op.status() >= 400 && op.status() < 500) {
                    add("refused_4xx", 1);
                } else if (op.status() == Reply.UNKNOWN) {
                    add("no_answer", 1);
                } else {
                    add("server_errors_5xx", 1);
                    problems.add("server error " + op);
                }
                if (op.kind() != Kind.PACIENTE_UPDATE) {
                    checkCreate(c, op);
                }
            }
            Map<String, List<Op>> updates = history.stream()
                    .filter(op -> op.kind() == Kind.PACIENTE_UPDATE)
                    .sorted(Comparator.comparingLong(Op::seq))
                    .collect(Collectors.groupingBy(Op::subject, LinkedHashMap::new, Collectors.toList()));
            for (Map.Entry<String, List<Op>> e : updates.entrySet()) {
                checkUpdates(c, e.getKey(), e.getValue());
            }
            checkLedgerHasNoDuplicateCreates(c);
        }
        return this;
    }

    private void checkCreate(Connection c, Op op) throws SQLException {
        List<String> ids = ids(c, op.kind(), op.marker());
        if (ids.size() > 1) {
            add("duplicated", ids.size() - 1);
            problems.add("duplicated " + ids + " for " + op);
        }
        if (op.status() == 200 || op.status() == 201 || op.status() == 202) {
            if (ids.size() >= 1) {
                if (!ids.contains(op.entityId())) {
                    add("lost", 1);
                    problems.add("applied under another id " + ids + ": " + op);
                } else {
                    add("applied", 1);
                    checkInLedgerOnce(c, op);
                }
            } else {
                heldOrLost(op);
            }
        } else if (op.status() != Reply.UNKNOWN && !ids.isEmpty()) {
            add("refused_but_applied", 1);
            problems.add("refused but applied: " + op);
        }
    }

    private void checkInLedgerOnce(Connection c, Op op) throws SQLException {
        if (op.operationId() == null) {
            return;
        }
        long n = count(c, "SELECT COUNT(*) FROM applied_operations WHERE operation_id = ?", op.operationId());
        if (n != 1) {
            problems.add("operation in the ledger " + n + " times: " + op);
            if (n > 1) {
                add("duplicated", n - 1);
            }
        }
    }

    /** An acknowledged write not in the database: held for a person on its node, or lost. */
    private void heldOrLost(Op op) {
        String state = op.operationId() == null ? "APPLIED_LIVE" : stagingState(op);
        switch (state) {
            case "QUARANTINED" -> add("quarantined", 1);
            case "CONFLICT" -> add("conflicts", 1);
            default -> {
                add("lost", 1);
                problems.add("lost (" + state + "): " + op);
            }
        }
    }

    private String stagingState(Op op) {
        Reply r = apiOfNode.apply(op.node()).get("/api/staging/operations/" + op.operationId());
        if (r.status() != 200) {
            return "status " + r.status();
        }
        return r.json().get("status").asString();
    }

    private void checkUpdates(Connection c, String paciente, List<Op> ops) throws SQLException {
        Long versao = null;
        String complemento = null;
        try (PreparedStatement s = c.prepareStatement("SELECT versao, complemento FROM paciente WHERE id = ?")) {
            s.setString(1, paciente);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    versao = rs.getLong(1);
                    complemento = rs.getString(2);
                }
            }
        }
        long inLedger = count(
                c, "SELECT COUNT(*) FROM applied_operations WHERE entity_id = ? AND action <> 'create'", paciente);
        long acknowledged = 0, held = 0, unanswered = 0;
        String lastAcknowledged = null;
        List<String> allowedFinal = new ArrayList<>();
        for (Op op : ops) {
            if (op.status() == 200 || op.status() == 201 || op.status() == 202) {
                acknowledged++;
                if (op.status() == 202 && versao != null) {
                    long n = count(
                            c, "SELECT COUNT(*) FROM applied_operations WHERE operation_id = ?", op.operationId());
                    if (n == 1) {
                        add("applied", 1);
                        lastAcknowledged = op.marker();
                    } else if (n == 0) {
                        held++;
                        heldOrLost(op);
                    } else {
                        add("duplicated", n - 1);
                        problems.add("update in the ledger " + n + " times: " + op);
                    }
                } else if (versao != null) {
                    add("applied", 1);
                    lastAcknowledged = op.marker();
                } else {
                    heldOrLost(op);
                }
            } else if (op.status() == Reply.UNKNOWN) {
                unanswered++;
                allowedFinal.add(op.marker());
            }
        }
        if (versao == null) {
            return; // the patient itself was never created (its create had no answer): checked with the creates
        }
        allowedFinal.add(lastAcknowledged);
        long expectedAtLeast = acknowledged - held;
        if (inLedger < expectedAtLeast) {
            add("lost", expectedAtLeast - inLedger);
            problems.add("patient " + paciente + ": " + inLedger + " updates in the ledger, " + expectedAtLeast
                    + " acknowledged and not held");
        }
        if (inLedger > expectedAtLeast + unanswered) {
            add("duplicated", inLedger - expectedAtLeast - unanswered);
            problems.add("patient " + paciente + ": " + inLedger + " updates in the ledger, at most "
                    + (expectedAtLeast + unanswered) + " possible");
        }
        if (versao != inLedger) {
            add("duplicated", Math.abs(versao - inLedger));
            problems.add("patient " + paciente + ": version " + versao + " but " + inLedger + " updates in the ledger");
        }
        if (held == 0 && !allowedFinal.contains(complemento)) {
            add("order_violations", 1);
            problems.add("patient " + paciente + ": final complemento " + complemento + ", expected one of "
                    + allowedFinal + " (updates " + ops + ")");
        }
    }

    private void checkLedgerHasNoDuplicateCreates(Connection c) throws SQLException {
        long n = count(
                c,
                "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM applied_operations"
                        + " WHERE action = 'create' GROUP BY entity, entity_id HAVING COUNT(*) > 1) d");
        if (n > 0) {
            add("duplicated", n);
            problems.add(n + " records created more than once according to the ledger");
        }
    }

    private static List<String> ids(Connection c, Kind kind, String marker) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT id FROM " + kind.table + " WHERE " + kind.column + " = ?")) {
            s.setString(1, marker);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static long count(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String report(String title, long seed, Map<String, ?> extra) {
        StringBuilder b = new StringBuilder();
        b.append("\n==== ").append(title).append(" (seed ").append(seed).append(") ====\n");
        for (Map.Entry<String, ?> e : extra.entrySet()) {
            b.append(String.format("%-22s %s%n", e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, Long> e : figures.entrySet()) {
            b.append(String.format("%-22s %d%n", e.getKey(), e.getValue()));
        }
        problems.stream().limit(30).forEach(p -> b.append("PROBLEM ").append(p).append('\n'));
        return b.toString();
    }
}
