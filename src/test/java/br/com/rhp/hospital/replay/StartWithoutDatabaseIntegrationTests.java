package br.com.rhp.hospital.replay;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.SchemaMigrations;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.OutageTest;
import br.com.rhp.hospital.support.TcpProxy;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A node rebooted during an outage comes up, authenticates its users and stages their writes; when the
 * database returns, the schema is migrated and the staged writes are replayed without anyone asking.
 */
@OutageTest
@TestPropertySource(properties = {"test.proxy.start-refusing=true", "REPLAY_ON_RECOVERY=true"})
class StartWithoutDatabaseIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TcpProxy proxy;

    @Autowired
    SchemaMigrations schema;

    @Test
    void aNodeStartedWhileTheDatabaseIsDownStagesWritesAndReplaysThemWhenItReturns() throws Exception {
        org.assertj.core.api.Assertions.assertThat(schema.ready()).isFalse();
        mvc.perform(get("/actuator/health").with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DEGRADED"))
                .andExpect(jsonPath("$.components.database.details.esquema_migrado")
                        .value(false));

        String body = new Hospital(mvc)
                .post("/api/pacientes", """
                        {"nome": "Raimunda Nonata", "cpf": "%s", "data_nascimento": "1950-07-16", "sexo": "F"}
                        """.formatted(Ids.cpf()))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String operacao = JsonPath.read(body, "$.operation_id");
        String paciente = JsonPath.read(body, "$.entity_id");
        mvc.perform(get("/api/pacientes/" + paciente).with(Hospital.ADMIN)).andExpect(status().isServiceUnavailable());

        proxy.forward();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> mvc.perform(
                                get("/api/staging/operations/" + operacao).with(Hospital.ADMIN))
                        .andExpect(jsonPath("$.status").value("APPLIED")));
        mvc.perform(get("/api/pacientes/" + paciente).with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nome").value("Raimunda Nonata"));
        mvc.perform(get("/actuator/health").with(Hospital.ADMIN))
                .andExpect(jsonPath("$.status").value("UP"));
    }
}
