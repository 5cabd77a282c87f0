package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.replay.ReplayResult;
import br.com.rhp.hospital.replay.Replayer;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.OutageTest;
import br.com.rhp.hospital.support.TcpProxy;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The {@code Idempotency-Key} across a real outage (PostgreSQL behind a proxy the test cuts): a form
 * sent again while the database is down gets the same receipt, and one applied before the outage and
 * sent again during it is staged but never written twice.
 */
@OutageTest
@TestPropertySource(properties = "REPLAY_ON_RECOVERY=false")
class IdempotencyKeyOutageIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TcpProxy proxy;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    Replayer replayer;

    @AfterEach
    void restaura() {
        restaurar();
    }

    @Test
    void aFormSentTwiceDuringAnOutageIsStagedOnceAndAppliedOnce() throws Exception {
        String cpf = Ids.cpf();
        UUID chave = UUID.randomUUID();
        proxy.refuse();
        enviar(chave, cpf)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.operation_id").value(chave.toString()));
        enviar(chave, cpf)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.operation_id").value(chave.toString()));

        restaurar();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.aplicadas() + replay.jaAplicadas()).isEqualTo(1);

        enviar(chave, cpf)
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/api/pacientes/" + chave));
        assertThat(pacientesComCpf(cpf)).isEqualTo(1);
    }

    @Test
    void aFormAppliedBeforeTheOutageAndSentAgainDuringItIsNotWrittenTwice() throws Exception {
        String cpf = Ids.cpf();
        UUID chave = UUID.randomUUID();
        enviar(chave, cpf).andExpect(status().isCreated());

        proxy.refuse();
        enviar(chave, cpf)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.recurso").value("/api/pacientes/" + chave));

        restaurar();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.jaAplicadas()).isEqualTo(1);
        assertThat(replay.aplicadas()).isZero();
        assertThat(pacientesComCpf(cpf)).isEqualTo(1);
        mvc.perform(get("/api/staging/operations/" + chave).with(Hospital.ADMIN))
                .andExpect(jsonPath("$.status").value("APPLIED"));
    }

    private void restaurar() {
        proxy.forward();
        await().atMost(Duration.ofSeconds(30)).until(() -> !circuit.isOpen());
    }

    private ResultActions enviar(UUID chave, String cpf) throws Exception {
        return mvc.perform(post("/api/pacientes")
                .with(Hospital.ADMIN)
                .header(Operations.IDEMPOTENCY_KEY, chave.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"nome": "Damiana Cavalcanti", "cpf": "%s", "data_nascimento": "1990-05-06", "sexo": "F"}
                        """.formatted(cpf)));
    }

    private int pacientesComCpf(String cpf) throws Exception {
        String body = mvc.perform(get("/api/pacientes").param("cpf", cpf).with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.total_itens");
    }
}
