package br.com.rhp.hospital.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.IntegrationTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What operators and client developers expect to find: the API description, Swagger UI, health, metrics. */
@IntegrationTest
class InterfacesIntegrationTests {

    /** Every path of the API with its methods, as the description must list them. */
    private static final Map<String, List<String>> CAMINHOS = Map.ofEntries(
            Map.entry("/api/unidades", List.of("get", "post")),
            Map.entry("/api/unidades/{id}", List.of("get", "patch")),
            Map.entry("/api/unidades/{id}/censo", List.of("get")),
            Map.entry("/api/leitos", List.of("get", "post")),
            Map.entry("/api/leitos/{id}", List.of("get", "patch")),
            Map.entry("/api/leitos/{id}/status", List.of("post")),
            Map.entry("/api/leitos/{id}/ocupacao", List.of("get")),
            Map.entry("/api/pacientes", List.of("get", "post")),
            Map.entry("/api/pacientes/{id}", List.of("get", "patch")),
            Map.entry("/api/pacientes/{id}/anulacao", List.of("post")),
            Map.entry("/api/profissionais", List.of("get", "post")),
            Map.entry("/api/profissionais/{id}", List.of("get", "patch")),
            Map.entry("/api/atendimentos", List.of("get", "post")),
            Map.entry("/api/atendimentos/{id}", List.of("get")),
            Map.entry("/api/atendimentos/{id}/cancelamento", List.of("post")),
            Map.entry("/api/atendimentos/{id}/leitos", List.of("get")),
            Map.entry("/api/transferencias", List.of("get", "post")),
            Map.entry("/api/transferencias/{id}", List.of("get")),
            Map.entry("/api/altas", List.of("get", "post")),
            Map.entry("/api/altas/{id}", List.of("get")));

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private JsonNode openApi() throws Exception {
        String body = mvc.perform(get("/openapi.json"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body);
    }

    @Test
    void describesTheApiInOpenApi3WithTitleAndVersion() throws Exception {
        JsonNode api = openApi();
        assertThat(api.path("openapi").asString()).startsWith("3.");
        assertThat(api.path("info").path("title").asString()).contains("hospital-api");
        assertThat(api.path("info").path("version").asString()).isNotBlank();
    }

    @Test
    void describesEveryPathOfTheApiWithItsMethods() throws Exception {
        JsonNode paths = openApi().path("paths");
        CAMINHOS.forEach((path, methods) -> {
            assertThat(paths.has(path)).as("path %s in /openapi.json", path).isTrue();
            methods.forEach(m -> assertThat(paths.path(path).has(m))
                    .as("%s %s in /openapi.json", m, path)
                    .isTrue());
        });
    }

    @Test
    void saysWhatTheNullPositionAndHashesOfAnUnsealedAuditEntryMean() throws Exception {
        JsonNode entrada = openApi().path("components").path("schemas").path("EntradaView");
        for (String campo : List.of("posicao", "hash_anterior", "hash")) {
            assertThat(entrada.path("properties")
                            .path(campo)
                            .path("description")
                            .asString())
                    .as("description of %s", campo)
                    .contains("null enquanto a entrada não foi selada");
        }
    }

    @Test
    void declaresHttpBasicAsTheSecuritySchemeOfEveryOperation() throws Exception {
        JsonNode api = openApi();
        JsonNode basic = api.path("components").path("securitySchemes").path("basic");
        assertThat(basic.path("type").asString()).isEqualTo("http");
        assertThat(basic.path("scheme").asString()).isEqualTo("basic");
        assertThat(api.path("security").toString()).contains("\"basic\"");
    }

    @Test
    void redirectsDocsToSwaggerUiThatLoadsTheDescription() throws Exception {
        MvcResult redirect = mvc.perform(get("/docs")).andReturn();
        assertThat(redirect.getResponse().getStatus()).isBetween(300, 399);
        String location = redirect.getResponse().getHeader("Location");
        assertThat(location).contains("/swagger-ui/index.html");

        URI ui = URI.create(location);
        mvc.perform(get(ui.getPath()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("swagger-ui")));
        // the page's script and the configuration that points it at /openapi.json load too
        mvc.perform(get("/swagger-ui/swagger-ui-bundle.js")).andExpect(status().isOk());
        mvc.perform(get("/openapi.json/swagger-config"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value("/openapi.json"));
    }

    @Test
    void showsHealthWithTheDatabaseToAdmin() throws Exception {
        mvc.perform(get("/actuator/health").with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.database.status").value("UP"))
                .andExpect(jsonPath("$.components.database.details.esquema_migrado")
                        .value(true))
                .andExpect(jsonPath("$.components.staging.status").value("UP"));
    }

    @Test
    void showsOnlyTheOverallHealthToAnonymousCallersAndOtherRoles() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist())
                .andExpect(jsonPath("$.details").doesNotExist());
        mvc.perform(get("/actuator/health").with(user("r").roles("RECEPCAO")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components").doesNotExist());
    }

    @Test
    void exposesJvmAndHttpMetricsInPrometheusFormatToAdmin() throws Exception {
        // at least one API request, so that its timer exists
        mvc.perform(get("/api/unidades").with(Hospital.ADMIN)).andExpect(status().isOk());

        MvcResult result = mvc.perform(
                        get("/actuator/prometheus").with(Hospital.ADMIN).accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(result.getResponse().getContentType()).startsWith("text/plain");
        String metrics = result.getResponse().getContentAsString();
        assertThat(metrics)
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("jvm_threads_live_threads")
                .contains("# TYPE http_server_requests_seconds")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/unidades\"[^}]*} [0-9.]+");
    }
}
