package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.replay.ReplayResult;
import br.com.rhp.hospital.replay.Replayer;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The {@code Idempotency-Key} header makes a form's submission happen once, however often it is sent: a
 * repeat of an applied submission points to the record it wrote, a repeat of a staged one gets the same
 * receipt, and neither writes a second record, also once the staged one has been replayed.
 */
@IntegrationTest
class IdempotencyKeyIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    Replayer replayer;

    @AfterEach
    void fechaOCircuito() {
        circuit.recordSuccess();
    }

    @Test
    void aRepeatedCreateWithTheSameKeyPointsToTheFirstRecordAndWritesNoSecond() throws Exception {
        String cpf = Ids.cpf();
        UUID chave = UUID.randomUUID();
        MvcResult primeiro =
                enviar(chave, paciente(cpf)).andExpect(status().isCreated()).andReturn();
        String id = (String) campo(primeiro, "$.id");
        assertThat(id).isEqualTo(chave.toString());

        enviar(chave, paciente(cpf))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/api/pacientes/" + id));
        assertThat(pacientesComCpf(cpf)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEachSubmissionIsANewOperation() throws Exception {
        enviar(null, unidade("SEMCHAVE")).andExpect(status().isCreated());
        enviar(null, unidade("SEMCHAVE2")).andExpect(status().isCreated());
    }

    @Test
    void aRepeatedUpdateWithTheSameKeyIsAppliedOnce() throws Exception {
        String paciente = new Hospital(mvc).paciente();
        UUID chave = UUID.randomUUID();
        corrigir(paciente, chave, 0)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.versao").value(1));
        // the same form sent again still names version 0: it is recognised, not refused as stale
        corrigir(paciente, chave, 0)
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/api/pacientes/" + paciente));
        new Hospital(mvc)
                .get("/api/pacientes/" + paciente)
                .andExpect(jsonPath("$.versao").value(1));
    }

    @Test
    void aKeyThatIsNotAUuidIsRefusedWithA400() throws Exception {
        for (String chave : List.of("abc", "1-2-3-4-5", "00000000-0000-0000-0000-000000000000", "")) {
            mvc.perform(post("/api/unidades")
                            .with(Hospital.ADMIN)
                            .header(Operations.IDEMPOTENCY_KEY, chave)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(unidade("INV")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.erros[0].campo").value("Idempotency-Key"));
        }
    }

    @Test
    void aKeyReusedForAnotherKindOfWriteIsRefused() throws Exception {
        UUID chave = UUID.randomUUID();
        enviar(chave, paciente(Ids.cpf())).andExpect(status().isCreated());
        mvc.perform(post("/api/unidades")
                        .with(Hospital.ADMIN)
                        .header(Operations.IDEMPOTENCY_KEY, chave.toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(unidade("REUSO")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("ChaveDeIdempotenciaReutilizada"));
    }

    @Test
    void twoSubmissionsOfOneKeyAtOnceWriteOneRecord() throws Exception {
        String cpf = Ids.cpf();
        UUID chave = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> envio =
                    () -> enviar(chave, paciente(cpf)).andReturn().getResponse().getStatus();
            List<Future<Integer>> respostas = pool.invokeAll(List.of(envio, envio));
            assertThat(List.of(respostas.get(0).get(), respostas.get(1).get())).containsExactlyInAnyOrder(201, 303);
        } finally {
            pool.shutdownNow();
        }
        assertThat(pacientesComCpf(cpf)).isEqualTo(1);
    }

    @Test
    void aStagedSubmissionSentAgainGetsTheSameReceiptAndAfterReplayPointsToTheRecord() throws Exception {
        String cpf = Ids.cpf();
        UUID chave = UUID.randomUUID();
        circuit.recordUnavailable();
        MvcResult recibo = enviar(chave, paciente(cpf))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.operation_id").value(chave.toString()))
                .andExpect(jsonPath("$.entity_id").value(chave.toString()))
                .andReturn();
        enviar(chave, paciente(cpf))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.operation_id").value(chave.toString()))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.staged_at")
                        .value(campo(recibo, "$.staged_at").toString()));

        circuit.recordSuccess();
        ReplayResult replayed = replayer.run("teste");
        assertThat(replayed.aplicadas()).isEqualTo(1);

        enviar(chave, paciente(cpf))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/api/pacientes/" + chave));
        assertThat(pacientesComCpf(cpf)).isEqualTo(1);
        mvc.perform(get("/api/staging/operations/" + chave).with(Hospital.ADMIN))
                .andExpect(jsonPath("$.status").value("APPLIED"));
    }

    private ResultActions enviar(UUID chave, String corpo) throws Exception {
        String path = corpo.contains("\"cpf\"") ? "/api/pacientes" : "/api/unidades";
        var request = post(path)
                .with(Hospital.ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(corpo);
        if (chave != null) {
            request.header(Operations.IDEMPOTENCY_KEY, chave.toString());
        }
        return mvc.perform(request);
    }

    private ResultActions corrigir(String paciente, UUID chave, long versao) throws Exception {
        return mvc.perform(patch("/api/pacientes/" + paciente)
                .with(Hospital.ADMIN)
                .header(Operations.IDEMPOTENCY_KEY, chave.toString())
                .header("If-Match", "\"" + versao + "\"")
                .contentType("application/merge-patch+json")
                .content("{\"nome_social\": \"Joana\"}"));
    }

    private int pacientesComCpf(String cpf) throws Exception {
        String body = mvc.perform(get("/api/pacientes").param("cpf", cpf).with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.total_itens");
    }

    private static String paciente(String cpf) {
        return """
                {"nome": "Severina Gouveia", "cpf": "%s", "data_nascimento": "1959-07-21", "sexo": "F"}
                """.formatted(cpf);
    }

    private static String unidade(String prefixo) {
        return """
                {"codigo": "%s", "nome": "Ambulatório", "tipo": "AMBULATORIO", "aceita_internacao": false}
                """.formatted(Ids.codigo(prefixo));
    }

    private static Object campo(MvcResult result, String path) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), path);
    }
}
