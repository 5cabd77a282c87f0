package br.com.rhp.hospital.web;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.TestDatabaseInitializer;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same refusals over a real socket to the embedded Tomcat, where MockMvc cannot go: a body sent
 * chunked (no {@code Content-Length}), raw bytes, real HTTP Basic headers and the server's own checks.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class HttpServerIntegrationTests {

    private static final String ADMIN = "admin-http";
    private static final String SENHA = "senha do teste http 2024";

    @DynamicPropertySource
    static void conta(DynamicPropertyRegistry registry) {
        registry.add("HOSPITAL_ADMIN_USER", () -> ADMIN);
        registry.add("HOSPITAL_ADMIN_PASSWORD", () -> SENHA);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(ADMIN, SENHA));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, BodyPublisher body) throws Exception {
        return http.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(body)
                        .build(),
                BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A body of unknown length: the client sends it with {@code Transfer-Encoding: chunked}. */
    private static BodyPublisher chunked(byte[] bytes) {
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private static byte[] unidade(String nome) {
        return """
                {"codigo": "%s", "nome": "%s", "tipo": "ALA", "aceita_internacao": false}
                """.formatted(Ids.codigo("HTTP"), nome).getBytes(StandardCharsets.UTF_8);
    }

    private static void problema(HttpResponse<String> response, int status, String regra) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.regra")).isEqualTo(regra);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWith413() throws Exception {
        BodyPublisher body = chunked(unidade("a".repeat(200_000)));
        assertThat(body.contentLength()).as("length unknown: sent chunked").isNegative();
        problema(post("/api/unidades", body), 413, "CorpoGrandeDemais");
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413() throws Exception {
        problema(
                post("/api/unidades", BodyPublishers.ofByteArray(unidade("a".repeat(100_000)))),
                413,
                "CorpoGrandeDemais");
    }

    @Test
    void acceptsAChunkedBodyUnderTheLimit() throws Exception {
        HttpResponse<String> response = post("/api/unidades", chunked(unidade("Ala Leste")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat((String) JsonPath.read(response.body(), "$.auditoria.criado_por"))
                .isEqualTo(ADMIN);
    }

    @Test
    void refusesInvalidUtf8BytesWith400() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"codigo\": \"U1\", \"nome\": \"Ala S".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xE3, (byte) 0xFF});
        body.writeBytes("o\", \"tipo\": \"ALA\", \"aceita_internacao\": false}".getBytes(StandardCharsets.UTF_8));
        problema(post("/api/unidades", BodyPublishers.ofByteArray(body.toByteArray())), 400, "DadosInvalidos");
    }

    @Test
    void answers401ProblemWithBasicChallengeToAnonymousCallers() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/pacientes"))
                        .build(),
                BodyHandlers.ofString());
        problema(response, 401, "NaoAutenticado");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
    }

    @Test
    void answers401ProblemToWrongOrGarbledCredentials() throws Exception {
        for (String authorization :
                List.of(basic(ADMIN, "errada"), "Basic !!!não-é-base64", "Basic " + "QQ==", "Bearer abc.def.ghi")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/pacientes"))
                            .header("Authorization", authorization)
                            .build(),
                    BodyHandlers.ofString());
            problema(response, 401, "NaoAutenticado");
        }
    }

    @Test
    void answers404ProblemForAnUnknownPath() throws Exception {
        problema(http.send(request("/api/nada-aqui").build(), BodyHandlers.ofString()), 404, "RecursoInexistente");
    }

    @Test
    void answers400ProblemToPathsTheFirewallRefuses() throws Exception {
        for (String path : List.of(
                "/api/unidades/%2e%2e/%2e%2e/actuator/prometheus", "/api/unidades;jsessionid=1", "/api/unidades/%25")) {
            problema(http.send(request(path).build(), BodyHandlers.ofString()), 400, "RequisicaoRejeitada");
        }
    }

    @Test
    void neverAnswers5xxToPathsTomcatRefusesItself() throws Exception {
        // an encoded slash or NUL never reaches the application: Tomcat answers 400 with its own page
        for (String path : List.of("/api/unidades/..%2F..%2Fetc%2Fpasswd", "/api/unidades/%00")) {
            HttpResponse<String> response = http.send(request(path).build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(400);
        }
    }

    @Test
    void neverAnswers5xxToAHugeHeader() throws Exception {
        // refused by Tomcat before the application too
        HttpResponse<String> response = http.send(
                request("/api/unidades").header("X-Lixo", "a".repeat(64 * 1024)).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isBetween(400, 499);
    }
}
