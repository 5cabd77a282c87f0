package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.support.TestIdentityProvider;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Bearer tokens of the identity provider beside HTTP Basic, end to end: a JWKS served on a random port,
 * keys and tokens made here, nothing injected into the security context.
 */
@IntegrationTest
class BearerTokenIntegrationTests {

    private static final TestIdentityProvider IDP = new TestIdentityProvider();
    private static final String SENHA = "senha da recepção local";

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("OIDC_ISSUER_URI", () -> TestIdentityProvider.ISSUER);
        registry.add("OIDC_JWK_SET_URI", IDP::jwksUri);
        registry.add("OIDC_AUDIENCE", () -> TestIdentityProvider.AUDIENCE);
        registry.add("OIDC_ROLES_CLAIM", () -> "realm_access.roles, resource_access.hospital-api.roles, groups");
        registry.add(
                "OIDC_ROLE_MAP",
                () -> "rhp-recepcao=RECEPCAO; rhp-leitos=GESTAO_LEITOS; CN=Enfermeiros,OU=Grupos,DC=rhp=ENFERMAGEM");
        registry.add("OIDC_UNITS_CLAIM", () -> "unidades");
        // keys are fetched again often, so that the test sees the refresh fail while the IdP is down
        registry.add("OIDC_JWKS_REFRESH", () -> "PT0.5S");
        registry.add("OIDC_JWKS_CACHE_TTL", () -> "PT1H");
        registry.add("HOSPITAL_USERS", () -> "maria:" + new BCryptPasswordEncoder(4).encode(SENHA) + ":RECEPCAO");
    }

    @AfterAll
    static void paraOProvedor() {
        IDP.close();
    }

    @AfterEach
    void voltaAoAr() {
        IDP.foraDoAr(false);
    }

    @Autowired
    MockMvc mvc;

    @Test
    void acceptsAValidTokenWithTheRolesMappedFromItsClaims() throws Exception {
        String token = IDP.token("ana.recepcao", "rhp-recepcao", "offline_access");
        com(get("/api/pacientes"), token).andExpect(status().isOk());
        // RECEPCAO does not manage units
        com(post("/api/unidades").contentType(MediaType.APPLICATION_JSON).content("{}"), token)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegado"));
    }

    @Test
    void readsRolesFromClientRolesAndGroupsAndRolesNamedLikeOurs() throws Exception {
        String cliente = IDP.token(
                "joao", c -> c.claim("resource_access", Map.of("hospital-api", Map.of("roles", List.of("medico")))));
        com(get("/api/atendimentos"), cliente).andExpect(status().isOk());
        String grupo = IDP.token("rita", c -> c.claim("groups", List.of("CN=Enfermeiros,OU=Grupos,DC=rhp")));
        com(get("/api/altas"), grupo).andExpect(status().isOk());
        com(post("/api/pacientes").contentType(MediaType.APPLICATION_JSON).content("{}"), grupo)
                .andExpect(status().isForbidden());
    }

    @Test
    void aTokenWithNoRoleOfOursReachesNothing() throws Exception {
        com(get("/api/unidades"), IDP.token("visitante", "uma-role-qualquer")).andExpect(status().isForbidden());
    }

    @Test
    void theApiDescriptionOffersBothWaysToLogIn() throws Exception {
        mvc.perform(get("/openapi.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
                .andExpect(
                        jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes.bearer.bearerFormat")
                        .value("JWT"));
    }

    @Test
    void localAccountsKeepWorkingBesideTokens() throws Exception {
        mvc.perform(get("/api/pacientes").with(httpBasic("maria", SENHA))).andExpect(status().isOk());
    }

    @Test
    void anonymousCallerIsToldBothWaysToAuthenticate() throws Exception {
        mvc.perform(get("/api/pacientes"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().stringValues(
                                "WWW-Authenticate",
                                org.hamcrest.Matchers.hasItems(
                                        org.hamcrest.Matchers.startsWith("Basic "),
                                        org.hamcrest.Matchers.startsWith("Bearer"))))
                .andExpect(jsonPath("$.detail").value(containsString("token de acesso")));
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        Instant antes = Instant.now().minus(Duration.ofMinutes(10));
        recusado(IDP.token(
                "ana",
                c -> c.claim("realm_access", Map.of("roles", List.of("rhp-recepcao")))
                        .issueTime(Date.from(antes))
                        .expirationTime(Date.from(antes.plus(Duration.ofMinutes(5))))));
    }

    @Test
    void refusesATokenOfAnotherIssuer() throws Exception {
        recusado(IDP.token(
                "ana",
                c -> c.issuer("https://sso.outro.test/realms/x")
                        .claim("realm_access", Map.of("roles", List.of("rhp-recepcao")))));
    }

    @Test
    void refusesATokenForAnotherAudience() throws Exception {
        recusado(IDP.token(
                "ana",
                c -> c.audience("outro-sistema").claim("realm_access", Map.of("roles", List.of("rhp-recepcao")))));
    }

    @Test
    void refusesATokenWithABadSignature() throws Exception {
        recusado(IDP.tokenAssinadoComOutraChave("ana", "rhp-recepcao"));
    }

    @Test
    void refusesATokenSignedWithAnUnknownKey() throws Exception {
        recusado(IDP.tokenComChaveDesconhecida("ana", "rhp-recepcao"));
    }

    @Test
    void refusesSomethingThatIsNotAToken() throws Exception {
        recusado("isto-nao-e-um-jwt");
    }

    @Test
    void keepsValidatingTokensWhileTheIdentityProviderIsDown() throws Exception {
        String token = IDP.token("ana", "rhp-recepcao");
        com(get("/api/pacientes"), token).andExpect(status().isOk());
        assertThat(IDP.servidas()).isPositive();

        IDP.foraDoAr(true);
        int recusadasAntes = IDP.recusadas();
        // the keys are due for a refresh every half second: it fails, and the cached keys keep working
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    com(get("/api/pacientes"), IDP.token("ana", "rhp-recepcao")).andExpect(status().isOk());
                    assertThat(IDP.recusadas()).isGreaterThan(recusadasAntes);
                });
        com(get("/api/pacientes"), IDP.token("bia", "rhp-recepcao")).andExpect(status().isOk());
    }

    @Test
    void recordsTheTokensUserNameAsTheAuthorOfAWrite() throws Exception {
        String token = IDP.token("ana.gestora", "rhp-leitos");
        String id = criarUnidade(token);
        new Hospital(mvc)
                .get("/api/unidades/" + id)
                .andExpect(jsonPath("$.auditoria.criado_por").value("ana.gestora"));
    }

    @Test
    void usesTheSubjectWhenTheTokenHasNoUserName() throws Exception {
        String token = IDP.token(
                null, c -> c.subject("f3b1c2d4-sub").claim("realm_access", Map.of("roles", List.of("rhp-leitos"))));
        String id = criarUnidade(token);
        new Hospital(mvc)
                .get("/api/unidades/" + id)
                .andExpect(jsonPath("$.auditoria.criado_por").value("f3b1c2d4-sub"));
    }

    @Test
    void limitsTheUserToTheUnitsOfTheUnitsClaim() throws Exception {
        Hospital hospital = new Hospital(mvc);
        String minha = hospital.unidade();
        String outra = hospital.unidade();
        String token = IDP.token(
                "rita",
                c -> c.claim("groups", List.of("CN=Enfermeiros,OU=Grupos,DC=rhp"))
                        .claim("unidades", List.of(minha)));
        com(get("/api/unidades/" + minha + "/censo"), token).andExpect(status().isOk());
        com(get("/api/unidades/" + outra + "/censo"), token)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.regra").value("AcessoNegadoAUnidade"));
    }

    private String criarUnidade(String token) throws Exception {
        String body = com(
                        post("/api/unidades")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"codigo": "%s", "nome": "Enfermaria Santa Clara", "tipo": "ENFERMARIA",
                                         "aceita_internacao": true}
                                        """.formatted(Ids.codigo("ENF"))),
                        token)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    private void recusado(String token) throws Exception {
        com(get("/api/pacientes"), token)
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("invalid_token")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.regra").value("TokenInvalido"))
                .andExpect(jsonPath("$.title").value("Token de acesso inválido"))
                .andExpect(jsonPath("$.detail").value(containsString("token de acesso foi recusado")));
    }

    private ResultActions com(MockHttpServletRequestBuilder request, String token) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token));
    }
}
