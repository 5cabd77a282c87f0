package br.com.rhp.hospital.atendimento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Admission, transfer and discharge end to end, and every rule that protects a bed and a stay. */
@IntegrationTest
class AdtIntegrationTests {

    @Autowired
    MockMvc mvc;

    Hospital h;
    String unidade;
    String leito1;
    String leito2;

    @BeforeEach
    void enfermariaComDoisLeitos() throws Exception {
        h = new Hospital(mvc);
        unidade = h.unidade();
        leito1 = h.leito(unidade);
        leito2 = h.leito(unidade);
    }

    @Test
    void admitsTransfersAndDischargesAPatient() throws Exception {
        String paciente = h.paciente();
        String atendimento = h.internar(paciente, leito1);

        h.get("/api/leitos/" + leito1)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OCUPADO"));
        h.get("/api/atendimentos/" + atendimento)
                .andExpect(jsonPath("$.status").value("EM_ANDAMENTO"))
                .andExpect(jsonPath("$.leito_atual_id").value(leito1));
        h.get("/api/leitos/" + leito1 + "/ocupacao")
                .andExpect(jsonPath("$.ocupacao.paciente_id").value(paciente))
                .andExpect(jsonPath("$.ocupacao.nome").value("João da Conceição"))
                .andExpect(jsonPath("$.ocupacao.atendimento_id").value(atendimento));

        h.post("/api/transferencias", transferencia(atendimento, leito1, leito2))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.leito_destino_id").value(leito2));
        h.get("/api/leitos/" + leito1).andExpect(jsonPath("$.status").value("HIGIENIZACAO"));
        h.get("/api/leitos/" + leito2).andExpect(jsonPath("$.status").value("OCUPADO"));
        h.get("/api/atendimentos/" + atendimento + "/leitos")
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].leito_id").value(leito1))
                .andExpect(jsonPath("$[1].leito_id").value(leito2))
                .andExpect(jsonPath("$[1].fim").doesNotExist());

        h.post("/api/altas", alta(atendimento)).andExpect(status().isCreated());
        h.get("/api/leitos/" + leito2).andExpect(jsonPath("$.status").value("HIGIENIZACAO"));
        h.get("/api/atendimentos/" + atendimento)
                .andExpect(jsonPath("$.status").value("FINALIZADO"))
                .andExpect(jsonPath("$.cid_principal").value("J189"))
                .andExpect(jsonPath("$.leito_atual_id").doesNotExist());
        h.get("/api/leitos/" + leito2 + "/ocupacao")
                .andExpect(jsonPath("$.ocupacao").doesNotExist());
        h.get("/api/altas?atendimento_id=" + atendimento)
                .andExpect(jsonPath("$.total_itens").value(1));
        h.get("/api/transferencias?paciente_id=" + paciente)
                .andExpect(jsonPath("$.total_itens").value(1));
    }

    @Test
    void rejectsSecondPatientInOccupiedBed() throws Exception {
        h.internar(h.paciente(), leito1);
        h.post("/api/atendimentos", Hospital.internacao(h.paciente(), leito1))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("LeitoOcupado"));
    }

    @Test
    void twoConcurrentAdmissionsIntoOneBedLeaveOnePatientInIt() throws Exception {
        int tentativas = 6;
        List<String> pacientes = new ArrayList<>();
        for (int i = 0; i < tentativas; i++) {
            pacientes.add(h.paciente());
        }
        CountDownLatch largada = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tentativas);
        try {
            List<Future<Integer>> respostas = new ArrayList<>();
            for (String p : pacientes) {
                Callable<Integer> admitir = () -> {
                    largada.await();
                    return h.post("/api/atendimentos", Hospital.internacao(p, leito1))
                            .andReturn()
                            .getResponse()
                            .getStatus();
                };
                respostas.add(pool.submit(admitir));
            }
            largada.countDown();
            List<Integer> codigos = new ArrayList<>();
            for (Future<Integer> r : respostas) {
                codigos.add(r.get());
            }
            assertThat(codigos).containsOnly(201, 409);
            assertThat(codigos).filteredOn(c -> c == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        h.get("/api/unidades/" + unidade + "/censo")
                .andExpect(jsonPath("$.leitos_por_status.OCUPADO").value(1));
    }

    @Test
    void rejectsAdmissionOfPatientAlreadyAdmitted() throws Exception {
        String paciente = h.paciente();
        h.internar(paciente, leito1);
        h.post("/api/atendimentos", Hospital.internacao(paciente, leito2))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("PacienteJaInternado"));
    }

    @Test
    void rejectsTransferFromBedThatIsNotTheStaysCurrentOne() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        String leito3 = h.leito(unidade);
        h.post("/api/transferencias", transferencia(atendimento, leito2, leito3))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("LeitoDeOrigemDivergente"));
        h.get("/api/leitos/" + leito1).andExpect(jsonPath("$.status").value("OCUPADO"));
    }

    @Test
    void rejectsTransferToOccupiedBed() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        h.internar(h.paciente(), leito2);
        h.post("/api/transferencias", transferencia(atendimento, leito1, leito2))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("LeitoOcupado"));
        h.get("/api/atendimentos/" + atendimento)
                .andExpect(jsonPath("$.leito_atual_id").value(leito1));
    }

    @Test
    void rejectsTransferToTheSameBed() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        h.post("/api/transferencias", transferencia(atendimento, leito1, leito1))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("leito_destino_id"));
    }

    @Test
    void rejectsSecondDischarge() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        h.post("/api/altas", alta(atendimento)).andExpect(status().isCreated());
        h.post("/api/altas", alta(atendimento))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("AltaJaRegistrada"));
    }

    @Test
    void rejectsDischargeOfAdmissionWithoutMainDiagnosis() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        h.post("/api/altas", """
                        {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO"}
                        """.formatted(atendimento))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("CidObrigatorioNaInternacao"));
    }

    @Test
    void rejectsDischargeDatedBeforeTheOccupancyBegan() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        String ontem = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        h.post("/api/altas", """
                        {"atendimento_id": "%s", "motivo": "ALTA_CURADO", "cid_principal": "J18.9", "ocorrido_em": "%s"}
                        """.formatted(atendimento, ontem))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("EventoAntesDaOcupacao"));
        h.get("/api/leitos/" + leito1).andExpect(jsonPath("$.status").value("OCUPADO"));
    }

    @Test
    void rejectsExternalTransferDischargeWithoutDestination() throws Exception {
        h.post("/api/altas", """
                        {"atendimento_id": "01936f3e-0000-7000-8000-000000000000", "motivo": "TRANSFERENCIA_EXTERNA", "cid_principal": "J18"}
                        """)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("cnes_destino"));
    }

    @Test
    void rejectsAdmissionIntoBedUnderCleaning() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        h.post("/api/altas", alta(atendimento)).andExpect(status().isCreated());
        h.post("/api/atendimentos", Hospital.internacao(h.paciente(), leito1))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("LeitoIndisponivel"));
    }

    @Test
    void rejectsOccupiedStatusSetByHand() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/api/leitos/" + leito1 + "/status")
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"0\"")
                        .contentType("application/json")
                        .content("{\"status\": \"OCUPADO\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.regra").value("OcupacaoManualProibida"));
    }

    @Test
    void admissionNeedsBedAndOriginListingBoth() throws Exception {
        h.post("/api/atendimentos", """
                        {"paciente_id": "%s", "tipo": "INTERNACAO", "carater": "URGENCIA", "financiamento": "SUS"}
                        """.formatted(h.paciente()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[*].campo", hasItem("leito_id")))
                .andExpect(jsonPath("$.erros[*].campo", hasItem("procedencia")));
    }

    @Test
    void outpatientEncounterNeedsNoBed() throws Exception {
        h.post("/api/atendimentos", """
                        {"paciente_id": "%s", "tipo": "AMBULATORIAL", "carater": "ELETIVO", "unidade_id": "%s",
                         "financiamento": "CONVENIO", "operadora_codigo": "326305", "carteirinha_numero": "0001234"}
                        """.formatted(h.paciente(), unidade))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.leito_atual_id").doesNotExist())
                .andExpect(jsonPath("$.financiamento").value("CONVENIO"));
    }

    @Test
    void cancelsEncounterRegisteredByMistakeAndFreesTheBed() throws Exception {
        String atendimento = h.internar(h.paciente(), leito1);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/api/atendimentos/" + atendimento + "/cancelamento")
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"0\"")
                        .contentType("application/json")
                        .content("{\"motivo\": \"paciente registrado no leito errado\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELADO"))
                .andExpect(jsonPath("$.motivo_cancelamento").value("paciente registrado no leito errado"));
        h.get("/api/leitos/" + leito1).andExpect(jsonPath("$.status").value("HIGIENIZACAO"));
    }

    @Test
    void censusCountsBedsByStatusAndNamesWhoIsInEach() throws Exception {
        String paciente = h.paciente();
        h.internar(paciente, leito1);
        h.get("/api/unidades/" + unidade + "/censo")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total_leitos").value(2))
                .andExpect(jsonPath("$.leitos_por_status.OCUPADO").value(1))
                .andExpect(jsonPath("$.leitos_por_status.DISPONIVEL").value(1))
                .andExpect(jsonPath("$.taxa_ocupacao").value(0.5))
                .andExpect(jsonPath("$.leitos[?(@.leito_id == '%s')].ocupacao.paciente_id".formatted(leito1))
                        .value(paciente));
    }

    @Test
    void housekeepingSeesBedsButNeverWhoIsInThem() throws Exception {
        h.internar(h.paciente(), leito1);
        var higienizacao = user("limpeza").roles("HIGIENIZACAO");
        mvc.perform(get("/api/leitos/" + leito1).with(higienizacao)).andExpect(status().isOk());
        mvc.perform(get("/api/unidades/" + unidade + "/censo").with(higienizacao))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/leitos/" + leito1 + "/ocupacao").with(higienizacao))
                .andExpect(status().isForbidden());
    }

    private static String transferencia(String atendimento, String origem, String destino) {
        return """
                {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "MUDANCA_NIVEL_CUIDADO"}
                """.formatted(atendimento, origem, destino);
    }

    private static String alta(String atendimento) {
        return """
                {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "J18.9"}
                """.formatted(atendimento);
    }
}
