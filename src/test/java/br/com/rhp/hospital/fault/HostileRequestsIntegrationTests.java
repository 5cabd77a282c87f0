package br.com.rhp.hospital.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.rhp.hospital.fault.Api.Reply;
import br.com.rhp.hospital.support.Ids;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Property-based fuzzing of the HTTP API of the packaged service (a node in its own process, on
 * PostgreSQL): thousands of malformed and hostile requests built by seeded generators from the valid
 * forms — wrong types, huge strings, SQL and path-traversal strings, invalid CPF/CNS, impossible dates,
 * broken UTF-8 bytes, deeply nested JSON, wrong content types, hostile paths and query strings.
 *
 * <p>Properties: no request is answered with a 5xx; a request that is not accepted leaves the
 * {@code applied_operations} ledger as it was (nothing persisted); and while the database is down, an
 * invalid write is refused with a 4xx and nothing is staged (no 202, no file).
 *
 * <p>Each case is generated from {@code seed + case number}, so a failure names the one case to rerun:
 * {@code -Dfuzz.seed=N} fixes the seed (printed at every run), {@code -Dfuzz.cases=N} scales the run.
 * Plain JUnit Jupiter with its own generators: jqwik, the usual JVM library, asks from version 1.10 on
 * that it not be used by AI coding agents, and part of this suite was written by one.
 */
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsIntegrationTests {

    private static final long SEED = Long.getLong("fuzz.seed", Long.getLong("fault.seed", 20261127L));
    private static final int CASES = Integer.getInteger("fuzz.cases", 1000);

    private static FaultCluster cluster;
    private static ServiceNode node;
    private static Api api;
    private static String unidade;
    private static String leito;
    private static String paciente;
    private static String pacienteEtag;

    @BeforeAll
    static void startNode() {
        cluster = new FaultCluster("fuzz");
        node = cluster.addNode(Map.of("CRONTAB", "off", "MAX_REQUEST_BODY_BYTES", "65536"), null, List.of());
        node.start();
        api = new Api(node);
        unidade = api.post("/api/unidades", """
                        {"codigo": "FZ-U", "nome": "Enfermaria", "tipo": "ENFERMARIA", "aceita_internacao": true}
                        """).entityId();
        leito = api.post("/api/leitos", """
                        {"unidade_id": "%s", "codigo": "FZ-L", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                        """.formatted(unidade)).entityId();
        Reply p = api.post("/api/pacientes", """
                {"nome": "João da Conceição", "cpf": "%s", "data_nascimento": "1971-03-12", "sexo": "M"}
                """.formatted(Ids.cpf()));
        paciente = p.entityId();
        pacienteEtag = p.etag();
    }

    @AfterAll
    static void stopNode() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void hostileWritesNeverGetAServerErrorAndRefusedOnesPersistNothing() throws Exception {
        databaseUpAndNothingPending();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        try (Connection c = cluster.database().connect()) {
            for (int i = 0; i < CASES; i++) {
                Random random = new Random(SEED + i);
                Request request = random.nextInt(4) == 0 ? rawBody(random) : mutatedForm(random, false);
                long before = ledger(c);
                Reply reply = send(request);
                long after = ledger(c);
                statuses.merge(reply.status(), 1, Integer::sum);
                if (reply.status() >= 500 || reply.unknown()) {
                    failures.add(describe(i, request, reply));
                } else if (!(reply.status() >= 200 && reply.status() < 300) && after != before) {
                    failures.add("persisted although refused: " + describe(i, request, reply));
                }
            }
        }
        report("hostile writes, database up", statuses, failures);
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(3)
    void invalidWritesAreRefusedAndNeverStagedWhileTheDatabaseIsDown() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        cluster.proxy(node).refuse();
        try {
            // the node knows the database is down once a valid write has been staged
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.post("/api/unidades", """
                                    {"codigo": "%s", "nome": "Ala", "tipo": "ENFERMARIA", "aceita_internacao": true}
                                    """.formatted(Ids.codigo("FZ")))
                                    .status()
                            == 202);
            long staged = pending();
            for (int i = 0; i < CASES / 2; i++) {
                Random random = new Random(SEED + 1_000_000 + i);
                Request request = random.nextInt(3) == 0 ? rawBody(random) : mutatedForm(random, true);
                Reply reply = send(request);
                statuses.merge(reply.status(), 1, Integer::sum);
                if (reply.status() < 400 || reply.status() >= 500 || reply.unknown()) {
                    failures.add(describe(i, request, reply));
                }
            }
            assertThat(pending()).as("staged files").isEqualTo(staged);
        } finally {
            cluster.proxy(node).forward();
        }
        report("invalid writes, database down", statuses, failures);
        assertThat(failures).isEmpty();
    }

    @Test
    @Order(2)
    void hostilePathsAndQueriesNeverGetAServerError() {
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        String[] collections = {
            "/api/pacientes",
            "/api/profissionais",
            "/api/unidades",
            "/api/leitos",
            "/api/atendimentos",
            "/api/transferencias",
            "/api/altas",
            "/api/staging/operations"
        };
        String[] params = {"nome", "cpf", "cns", "status", "unidade_id", "paciente_id", "page", "size", "sort", "area"};
        for (int i = 0; i < CASES / 2; i++) {
            Random random = new Random(SEED + 2_000_000 + i);
            String base = pick(random, collections);
            String path;
            if (random.nextBoolean()) {
                path = base + "/" + encode(hostileString(random));
            } else {
                StringBuilder q = new StringBuilder(base).append('?');
                for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                    q.append(pick(random, params))
                            .append('=')
                            .append(encode(hostileString(random)))
                            .append('&');
                }
                path = q.toString();
            }
            if (random.nextInt(8) == 0) {
                path = base + "/..%2F..%2F..%2Fetc%2Fpasswd";
            }
            Request request = new Request("GET", path, null, null, null);
            Reply reply = send(request);
            statuses.merge(reply.status(), 1, Integer::sum);
            if (reply.status() >= 500 || reply.unknown()) {
                failures.add(describe(i, request, reply));
            }
        }
        report("hostile paths and queries", statuses, failures);
        assertThat(failures).isEmpty();
    }

    // ------------------------------------------------------------------ generators

    record Request(String method, String path, String contentType, byte[] body, String ifMatch) {}

    /** A valid form, one field at a time turned hostile; {@code invalid}: at least one change surely invalid. */
    private static Request mutatedForm(Random random, boolean invalid) {
        int form = random.nextInt(invalid ? 2 : 8);
        Map<String, String> fields = new LinkedHashMap<>();
        String path;
        String method = "POST";
        String contentType = "application/json";
        String ifMatch = null;
        List<Function<Random, Map.Entry<String, String>>> surelyInvalid = new ArrayList<>();
        switch (form) {
            case 0 -> {
                path = "/api/pacientes";
                fields.put("nome", str("Maria Aparecida"));
                fields.put("cpf", str(Ids.cpf()));
                fields.put("data_nascimento", str("1980-05-17"));
                fields.put("sexo", str("F"));
                fields.put("cns", "null");
                surelyInvalid.add(r -> Map.entry("cpf", str(pick(r, INVALID_CPF))));
                surelyInvalid.add(r -> Map.entry("cns", str(pick(r, INVALID_CNS))));
                surelyInvalid.add(r -> Map.entry("sexo", pick(r, WRONG_TYPES)));
                surelyInvalid.add(r -> Map.entry("sexo", str(pick(r, HOSTILE_WORDS))));
                surelyInvalid.add(r -> Map.entry("data_nascimento", str(pick(r, IMPOSSIBLE_DATES))));
                surelyInvalid.add(r -> Map.entry("nome", str("A".repeat(151 + r.nextInt(2000)))));
            }
            case 1 -> {
                path = "/api/unidades";
                fields.put("codigo", str(Ids.codigo("FZ")));
                fields.put("nome", str("Enfermaria Sul"));
                fields.put("tipo", str("ENFERMARIA"));
                fields.put("aceita_internacao", "true");
                surelyInvalid.add(r -> Map.entry("tipo", str(pick(r, HOSTILE_WORDS))));
                surelyInvalid.add(r -> Map.entry("tipo", pick(r, WRONG_TYPES)));
                surelyInvalid.add(r ->
                        Map.entry("aceita_internacao", pick(r, new String[] {"\"talvez\"", "[]", "{}"})));
                surelyInvalid.add(r -> Map.entry("nome", str("N".repeat(121 + r.nextInt(5000)))));
                surelyInvalid.add(r -> Map.entry("codigo", pick(r, new String[] {"null", "\"\"", "[]", "{}"})));
            }
            case 2 -> {
                path = "/api/leitos";
                fields.put("unidade_id", str(unidade));
                fields.put("codigo", str(Ids.codigo("L")));
                fields.put("tipo", str("CLINICO"));
                fields.put("acomodacao", str("ENFERMARIA"));
            }
            case 3 -> {
                path = "/api/profissionais";
                fields.put("nome", str("Ana Beatriz Souza"));
                fields.put("cpf", str(Ids.cpf()));
                fields.put("conselho", str("CRM"));
                fields.put("conselho_uf", str("PE"));
                fields.put("conselho_numero", str(Ids.codigo("n").substring(2)));
                fields.put("cbo", str("225125"));
            }
            case 4 -> {
                path = "/api/atendimentos";
                fields.put("paciente_id", str(paciente));
                fields.put("tipo", str("INTERNACAO"));
                fields.put("carater", str("URGENCIA"));
                fields.put("procedencia", str("DEMANDA_ESPONTANEA"));
                fields.put("leito_id", str(leito));
                fields.put("financiamento", str("SUS"));
                fields.put("inicio", str("2026-01-01T10:00:00Z"));
            }
            case 5 -> {
                path = "/api/transferencias";
                fields.put("atendimento_id", str(UUID.randomUUID().toString()));
                fields.put("leito_origem_id", str(leito));
                fields.put("leito_destino_id", str(UUID.randomUUID().toString()));
                fields.put("motivo", str("MUDANCA_NIVEL_CUIDADO"));
            }
            case 6 -> {
                path = "/api/altas";
                fields.put("atendimento_id", str(UUID.randomUUID().toString()));
                fields.put("motivo", str("ALTA_MELHORADO"));
                fields.put("cid_principal", str("J18.9"));
                fields.put("ocorrido_em", str("2026-01-02T10:00:00Z"));
            }
            default -> {
                path = "/api/pacientes/" + paciente;
                method = "PATCH";
                contentType = "application/merge-patch+json";
                ifMatch = random.nextBoolean()
                        ? pacienteEtag
                        : pick(random, new String[] {"\"999\"", "*", "garbage", "\"-1\""});
                fields.put("complemento", str("apto 101"));
                fields.put("telefone", str("81999990000"));
                fields.put("nome_social", "null");
            }
        }
        List<String> keys = new ArrayList<>(fields.keySet());
        for (int k = 0, n = random.nextInt(3); k < n; k++) {
            String key = random.nextInt(6) == 0 ? pick(random, HOSTILE_WORDS) : keys.get(random.nextInt(keys.size()));
            fields.put(key, hostileToken(random));
        }
        if (invalid || random.nextInt(5) == 0) {
            if (!surelyInvalid.isEmpty() && random.nextInt(4) != 0) {
                Map.Entry<String, String> bad =
                        surelyInvalid.get(random.nextInt(surelyInvalid.size())).apply(random);
                fields.put(bad.getKey(), bad.getValue());
            } else {
                String required = form == 0
                        ? pick(random, new String[] {"nome", "sexo"})
                        : pick(random, new String[] {"codigo", "nome", "tipo"});
                fields.remove(required);
            }
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(str(k)).append(':').append(v).append(','));
        if (json.length() > 1) {
            json.setLength(json.length() - 1);
        }
        json.append('}');
        return new Request(method, path, contentType, json.toString().getBytes(StandardCharsets.UTF_8), ifMatch);
    }

    /** A body that is not a well-formed JSON object of the expected type, or not sent as JSON. */
    private static Request rawBody(Random random) {
        String path = pick(
                random,
                new String[] {"/api/pacientes", "/api/unidades", "/api/leitos", "/api/atendimentos", "/api/altas"});
        String contentType = "application/json";
        byte[] body;
        String valid = "{\"nome\": \"José\", \"codigo\": \"X-1\", \"sexo\": \"M\", \"tipo\": \"ENFERMARIA\"}";
        switch (random.nextInt(11)) {
            case 0 -> body = brokenUtf8(random, valid);
            case 1 -> {
                int depth = 200 + random.nextInt(20_000);
                body = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
            }
            case 2 -> {
                int depth = 200 + random.nextInt(5_000);
                body = ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
            }
            case 3 -> body = valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
            case 4 -> {
                byte[] noise = new byte[random.nextInt(3000)];
                random.nextBytes(noise);
                body = noise;
            }
            case 5 -> {
                contentType = pick(random, new String[] {
                    "text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=xyz", "application/json; charset=ISO-8859-1", "garbage/;;",
                    "application/merge-patch+json", "*/*", "application/json; charset=utf-32"
                });
                body = valid.getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                contentType = null;
                body = valid.getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> body = ("{\"nome\": \"" + "Ã".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 8 ->
                body = pick(random, new String[] {"[]", "\"texto\"", "42", "null", "true", "", " ", "{}{}", "{\"a\":1}x"
                        })
                        .getBytes(StandardCharsets.UTF_8);
            case 9 -> body = ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_8);
            default ->
                body = "{\"nome\": \"a\", \"nome\": \"b\", /* comentário */ \"sexo\": \"M\"}"
                        .getBytes(StandardCharsets.UTF_8);
        }
        return new Request("POST", path, contentType, body, null);
    }

    private static byte[] brokenUtf8(Random random, String json) {
        byte[][] bad = {
            {(byte) 0xC3, (byte) 0x28},
            {(byte) 0xFF},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
            {0}
        };
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        int at = 10 + random.nextInt(text.length - 12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        byte[] b = bad[random.nextInt(bad.length)];
        out.write(b, 0, b.length);
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }

    private static final String[] HOSTILE_WORDS = {
        "' OR '1'='1",
        "'; DROP TABLE paciente; --",
        "\" OR \"\"=\"",
        "1; SELECT pg_sleep(10)",
        "../../../../etc/passwd",
        "..\\..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "<script>alert(1)</script>",
        "${jndi:ldap://x/a}",
        "#{7*7}",
        "\u0000",
        "a\u0000b",
        "\u202Eevil",
        "😷🏥",
        "NaN",
        "",
        "   ",
        "null",
        "\\",
        "\"",
        "\r\nX-Injected: 1",
        "Robert'); DROP TABLE applied_operations;--",
        "%00",
        "CON",
        "ENFERMARIA ",
        "enfermaria",
        "\uD83D"
    };
    private static final String[] WRONG_TYPES = {
        "1",
        "-1",
        "0",
        "1e309",
        "9223372036854775808",
        "-0.0",
        "true",
        "false",
        "[]",
        "[1,2]",
        "{}",
        "{\"$ne\":null}",
        "[\"M\"]",
        "{\"valor\":\"M\"}"
    };
    private static final String[] INVALID_CPF = {
        "00000000000",
        "11111111111",
        "12345678900",
        "111.111.111-11",
        "abc",
        "1234567890123456789",
        "5298219001",
        "529.982.247-26",
        "52998224726 ",
        "' OR 1=1 --"
    };
    private static final String[] INVALID_CNS = {
        "000000000000000", "123", "700000000000000", "abcdefghijklmno", "1234567890123456"
    };
    private static final String[] IMPOSSIBLE_DATES = {
        "2026-02-30",
        "9999-99-99",
        "1980-13-01",
        "amanhã",
        "1980-05-17T00:00:00Z",
        "-000001-01-01",
        "17/05/1980",
        "2999-01-01"
    };

    private static String hostileToken(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> pick(random, WRONG_TYPES);
            case 1 -> str(hostileString(random));
            case 2 -> str(pick(random, INVALID_CPF));
            default -> str(pick(random, IMPOSSIBLE_DATES));
        };
    }

    private static String hostileString(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "A".repeat(1 + random.nextInt(random.nextBoolean() ? 200 : 20_000));
            case 1 -> UUID.randomUUID().toString();
            case 2 -> "00000000-0000-0000-0000-00000000000" + random.nextInt(10);
            default -> pick(random, HOSTILE_WORDS);
        };
    }

    // ------------------------------------------------------------------ plumbing

    private static Reply send(Request r) {
        return api.raw(r.method(), node.uri("").resolve(URI.create(r.path())), r.contentType(), r.body(), r.ifMatch());
    }

    private static String str(String s) {
        return Api.JSON.writeValueAsString(s);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static long ledger(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM applied_operations")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The ledger is compared before and after each request: no replay may write to it meanwhile. */
    private static void databaseUpAndNothingPending() {
        await("database up, nothing pending")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    api.post("/api/staging/replay", "{}");
                    Reply r = api.get("/api/staging");
                    return r.status() == 200
                            && r.json().get("pendentes").asLong() == 0
                            && "DISPONIVEL".equals(r.json().get("banco").asString());
                });
    }

    private static long pending() {
        return api.get("/api/staging").json().get("pendentes").asLong();
    }

    private static String describe(int i, Request request, Reply reply) {
        String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
        return "case " + i + " (seed " + SEED + "): " + request.method() + " " + request.path() + " ["
                + request.contentType() + "] " + (body.length() > 200 ? body.substring(0, 200) + "…" : body) + " -> "
                + reply.status() + " "
                + (reply.body() == null
                        ? ""
                        : reply.body().substring(0, Math.min(300, reply.body().length())));
    }

    private static void report(String title, Map<Integer, Integer> statuses, List<String> failures) {
        System.out.println("fuzz (" + title + ", seed " + SEED + "): "
                + statuses.values().stream().mapToInt(Integer::intValue).sum() + " requests, by status " + statuses
                + ", failures " + failures.size());
        failures.stream().limit(15).forEach(f -> System.out.println("  FAILURE " + f));
    }
}
