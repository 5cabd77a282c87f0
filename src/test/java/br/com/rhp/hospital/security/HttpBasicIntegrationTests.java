package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * HTTP Basic end to end with accounts configured the way an operator does it: {@code HOSPITAL_USERS}
 * with bcrypt hashes and the bootstrap administrator from {@code HOSPITAL_ADMIN_USER} / {@code
 * HOSPITAL_ADMIN_PASSWORD}. No test identity is injected: the credentials go through the real filter.
 */
@IntegrationTest
class HttpBasicIntegrationTests {

    private static final String SENHA_MARIA = "Recepção-do-térreo-7";
    private static final String SENHA_JOSE = "limpeza do bloco B";
    private static final String SENHA_ADMIN = "uma senha longa de administrador";
    private static final String SENHA_RITA = "plantão da UTI adulto";
    /** A unit no test creates: rita reaches no existing unit. */
    private static final String UNIDADE_DA_RITA = "01936f3e-0000-7000-8000-0000000000aa";

    @DynamicPropertySource
    static void contas(DynamicPropertyRegistry registry) {
        // cost 4 keeps the test fast; the format is the one an operator pastes from htpasswd -B or Spring
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String maria = "maria:" + bcrypt.encode(SENHA_MARIA) + ":RECEPCAO";
        String jose = "jose.silva:{bcrypt}" + bcrypt.encode(SENHA_JOSE) + ":higienizacao, ENFERMAGEM";
        String rita = "rita:" + bcrypt.encode(SENHA_RITA) + ":ENFERMAGEM:" + UNIDADE_DA_RITA;
        registry.add("HOSPITAL_USERS", () -> maria + " ; " + jose + ";" + rita);
        registry.add("HOSPITAL_ADMIN_USER", () -> "chefe-ti");
        registry.add("HOSPITAL_ADMIN_PASSWORD", () -> SENHA_ADMIN);
        registry.add("CORS_ALLOWED_ORIGINS", () -> "https://intranet.rhp.com.br, https://leitos.rhp.com.br");
    }

    @Test
    void browsersFromConfiguredOriginsMayCallTheApiAndOthersMayNot() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options("/api/pacientes")
                        .header("Origin", "https://leitos.rhp.com.br")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://leitos.rhp.com.br"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options("/api/pacientes")
                        .header("Origin", "https://outro-site.example")
                        .header("Access-Control-Request-Method", "POST"))
                .andExpect(status().isForbidden());
    }

    @Autowired
    MockMvc mvc;

    @Test
    void anAccountWithUnitsReachesOnlyThoseUnits() throws Exception {
        String unidade = new br.com.rhp.hospital.support.Hospital(mvc).unidade();
        mvc.perform(get("/api/unidades/" + unidade + "/censo").with(httpBasic("rita", SENHA_RITA)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegadoAUnidade"));
        mvc.perform(get("/api/unidades/" + unidade + "/censo").with(httpBasic("jose.silva", SENHA_JOSE)))
                .andExpect(status().isOk());
    }

    @Test
    void timesRequestsWithoutObservingEachSecurityFilterOrRepositoryCall() throws Exception {
        mvc.perform(get("/api/pacientes").with(httpBasic("maria", SENHA_MARIA))).andExpect(status().isOk());

        String metrics = mvc.perform(get("/actuator/prometheus")
                        .with(httpBasic("chefe-ti", SENHA_ADMIN))
                        .accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        // Spring Security's observations (each filter of the chain, the authentication and the
        // authorization of every request) cost a staged request more CPU than encrypting its payload;
        // the request timer is kept
        assertThat(metrics).contains("http_server_requests_seconds_count").doesNotContain("spring_security_");
        // nor a timer per Spring Data repository call (the listing above made some): ~5% of a write's CPU
        assertThat(metrics).doesNotContain("spring_data_repository_invocations");
    }

    @Test
    void acceptsConfiguredUserWithTheRightPassword() throws Exception {
        mvc.perform(get("/api/pacientes").with(httpBasic("maria", SENHA_MARIA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens").isArray());
    }

    @Test
    void configuredRolesDecideWhatTheUserMayDo() throws Exception {
        // RECEPCAO registers patients but does not manage units
        mvc.perform(post("/api/unidades")
                        .with(httpBasic("maria", SENHA_MARIA))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegado"));
        mvc.perform(post("/api/pacientes")
                        .with(httpBasic("maria", SENHA_MARIA))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void userWithSeveralRolesGetsEachOfThem() throws Exception {
        // HIGIENIZACAO alone may not read patients; ENFERMAGEM may
        mvc.perform(get("/api/pacientes").with(httpBasic("jose.silva", SENHA_JOSE)))
                .andExpect(status().isOk());
    }

    @Test
    void refusesAWrongPasswordWith401() throws Exception {
        mvc.perform(get("/api/pacientes").with(httpBasic("maria", SENHA_MARIA + "x")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic ")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.regra").value("NaoAutenticado"));
    }

    @Test
    void refusesAWrongPasswordRightAfterASuccessfulLogin() throws Exception {
        // verified logins are cached for a few minutes: the cache must be keyed by the password too
        mvc.perform(get("/api/unidades").with(httpBasic("maria", SENHA_MARIA))).andExpect(status().isOk());
        mvc.perform(get("/api/unidades").with(httpBasic("maria", "outra senha qualquer")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.regra").value("NaoAutenticado"));
    }

    @Test
    void refusesAnUnknownUserWith401() throws Exception {
        mvc.perform(get("/api/pacientes").with(httpBasic("ninguem", SENHA_MARIA)))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic ")))
                .andExpect(jsonPath("$.regra").value("NaoAutenticado"));
    }

    @Test
    void userNamesAreCaseInsensitiveAndRecordedAsConfigured() throws Exception {
        // the account store folds case; the author of a write is the configured name, never the typed one
        mvc.perform(post("/api/unidades")
                        .with(httpBasic("CHEFE-TI", SENHA_ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "%s", "nome": "Ala Sul", "tipo": "ALA", "aceita_internacao": false}
                                """.formatted(Ids.codigo("CAS"))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.auditoria.criado_por").value("chefe-ti"));
    }

    @Test
    void refusesACredentialOfAnotherUser() throws Exception {
        mvc.perform(get("/api/pacientes").with(httpBasic("jose.silva", SENHA_MARIA)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void bootstrapAdministratorLogsInAsAdmin() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(httpBasic("chefe-ti", SENHA_ADMIN)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/profissionais")
                        .with(httpBasic("chefe-ti", SENHA_ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/actuator/prometheus").with(httpBasic("chefe-ti", SENHA_ADMIN.toUpperCase())))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void createsNoSessionAfterALogin() throws Exception {
        // stateless: every request carries its credentials, so a password change takes effect at once
        MvcResult result = mvc.perform(get("/api/unidades").with(httpBasic("maria", SENHA_MARIA)))
                .andExpect(status().isOk())
                .andReturn();
        MockHttpServletResponse response = result.getResponse();
        assertThat(result.getRequest().getSession(false)).isNull();
        assertThat(response.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void recordsTheAuthenticatedUserAsTheAuthorOfAWrite() throws Exception {
        String codigo = Ids.codigo("BAS");
        mvc.perform(post("/api/unidades")
                        .with(httpBasic("chefe-ti", SENHA_ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"codigo": "%s", "nome": "Ala Norte", "tipo": "ALA", "aceita_internacao": false}
                                """.formatted(codigo)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.auditoria.criado_por").value("chefe-ti"));
    }
}
