package br.com.rhp.hospital.security;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.OutageTest;
import br.com.rhp.hospital.support.TcpProxy;
import br.com.rhp.hospital.support.TestIdentityProvider;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Logging in never needs the central database: with PostgreSQL cut off, a local account and a bearer
 * token both still authenticate, their writes are staged, and the replay records the token's user as
 * the author.
 */
@OutageTest
@TestPropertySource(properties = "REPLAY_ON_RECOVERY=false")
class LoginDuringOutageIntegrationTests {

    private static final TestIdentityProvider IDP = new TestIdentityProvider();
    private static final String SENHA = "senha local da recepção";

    @DynamicPropertySource
    static void logins(DynamicPropertyRegistry registry) {
        registry.add("OIDC_ISSUER_URI", () -> TestIdentityProvider.ISSUER);
        registry.add("OIDC_JWK_SET_URI", IDP::jwksUri);
        registry.add("OIDC_AUDIENCE", () -> TestIdentityProvider.AUDIENCE);
        registry.add("OIDC_ROLE_MAP", () -> "rhp-recepcao=RECEPCAO");
        registry.add("HOSPITAL_USERS", () -> "maria:" + new BCryptPasswordEncoder(4).encode(SENHA) + ":RECEPCAO");
    }

    @AfterAll
    static void para() {
        IDP.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TcpProxy proxy;

    @Autowired
    DatabaseCircuit circuit;

    @AfterEach
    void restaura() {
        proxy.forward();
        await().atMost(Duration.ofSeconds(30)).until(() -> !circuit.isOpen());
    }

    @Test
    void tokenAndLocalAccountBothStageWritesWhileTheDatabaseIsDown() throws Exception {
        proxy.refuse();
        String token = IDP.token("ana.recepcao", "rhp-recepcao");
        String doToken = JsonPath.read(
                mvc.perform(novoPaciente().header("Authorization", "Bearer " + token))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.entity_id");
        mvc.perform(novoPaciente().with(httpBasic("maria", SENHA))).andExpect(status().isAccepted());

        restaura();
        mvc.perform(post("/api/staging/replay").with(Hospital.ADMIN)).andExpect(status().isOk());
        new Hospital(mvc)
                .get("/api/pacientes/" + doToken)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.auditoria.criado_por").value("ana.recepcao"));
    }

    @Test
    void aUnitLimitThatNeedsTheDatabaseAnswers503WhileItIsDown() throws Exception {
        proxy.refuse();
        var autoridades = new java.util.ArrayList<org.springframework.security.core.GrantedAuthority>(
                UnidadesDoUsuario.autoridades(java.util.List.of(UUID.randomUUID())));
        autoridades.add(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ENFERMAGEM"));
        var limitado = user("enf").authorities(autoridades);
        mvc.perform(post("/api/leitos/" + UUID.randomUUID() + "/status")
                        .with(limitado)
                        .with(r -> {
                            r.addHeader("If-Match", "\"0\"");
                            return r;
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"DISPONIVEL\"}"))
                .andExpect(status().isServiceUnavailable());
    }

    private MockHttpServletRequestBuilder novoPaciente() {
        return post("/api/pacientes").contentType(MediaType.APPLICATION_JSON).content("""
                {"nome": "Severina Lins Aragão", "cpf": "%s", "data_nascimento": "1962-11-03", "sexo": "F"}
                """.formatted(Ids.cpf()));
    }
}
