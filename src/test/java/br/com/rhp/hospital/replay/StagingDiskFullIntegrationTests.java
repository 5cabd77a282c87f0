package br.com.rhp.hospital.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.staging.Area;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Below the free-space threshold of the staging volume a write that would have to be staged is refused
 * with 503 — the client learns it was NOT saved — and nothing is written; with the database up the same
 * write is applied as usual.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "STAGING_MIN_FREE_BYTES=1125899906842624", // 1 PiB: more than any test machine has free
            "DATABASE_PROBE_INTERVAL=PT1H",
            "DATABASE_RETRY_INTERVAL=PT1H"
        })
class StagingDiskFullIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    StagingStore staging;

    @AfterEach
    void bancoDeVolta() {
        circuit.recordSuccess();
    }

    @Test
    void refusesWithServiceUnavailableInsteadOfAcknowledgingWhatIsNotOnDisk() throws Exception {
        circuit.recordUnavailable();
        new Hospital(mvc)
                .post("/api/pacientes", paciente())
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.regra").value("ArmazenamentoLocalCheio"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("NÃO foram salvos")));
        assertThat(staging.files(Area.PENDING)).isEmpty();
        new Hospital(mvc)
                .get("/actuator/health")
                .andExpect(jsonPath("$.components.staging.status").value("DOWN"));
    }

    @Test
    void writesStillGoToTheDatabaseWhileItIsUp() throws Exception {
        new Hospital(mvc).post("/api/pacientes", paciente()).andExpect(status().isCreated());
    }

    private static String paciente() {
        return """
                {"nome": "Disco Cheio da Silva", "cpf": "%s", "data_nascimento": "1990-01-01", "sexo": "M"}
                """.formatted(Ids.cpf());
    }
}
