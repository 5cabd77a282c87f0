package br.com.rhp.hospital.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.support.MutableClock;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Staging and replay on both engines, with the outage simulated by opening the circuit (the probe is
 * slowed down so it does not close it behind the test's back): every entity and action is staged and
 * applied once; the administration API lists, inspects, retries and discards; the crontab schedule fires
 * a replay when a controlled clock reaches its time.
 */
@IntegrationTest
@TestPropertySource(
        properties = {"DATABASE_PROBE_INTERVAL=PT1H", "DATABASE_RETRY_INTERVAL=PT1H", "REPLAY_ON_RECOVERY=false"})
class StagingIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    Replayer replayer;

    @Autowired
    StagingStore staging;

    Hospital h;

    @AfterEach
    void bancoDeVolta() {
        circuit.recordSuccess();
        replayer.run("teste");
    }

    @Test
    void everyEntityAndBothActionsStagedOfflineAreAppliedExactlyOnce() throws Exception {
        h = new Hospital(mvc);
        String unidade = h.unidade();
        String leito = h.leito(unidade);
        String outroLeito = h.leito(unidade);
        String paciente = h.paciente();
        String pacienteCancelado = h.paciente();
        String profissional = h.criar("/api/profissionais", profissional());
        String cancelado = h.internar(pacienteCancelado, outroLeito);

        circuit.recordUnavailable();
        List<String> operacoes = new ArrayList<>();
        operacoes.add(aceito(h.post("/api/profissionais", profissional())));
        operacoes.add(aceito(alterar("/api/unidades/" + unidade, 0, "{\"nome\": \"Enfermaria São Lucas II\"}")));
        operacoes.add(aceito(alterar("/api/leitos/" + leito, 0, "{\"acomodacao\": \"APARTAMENTO\"}")));
        operacoes.add(aceito(alterar("/api/pacientes/" + paciente, 0, "{\"nome_social\": \"Joca\"}")));
        operacoes.add(aceito(alterar("/api/profissionais/" + profissional, 0, "{\"cbo\": \"225125\"}")));
        operacoes.add(aceito(com(
                MockMvcRequestBuilders.post("/api/atendimentos/" + cancelado + "/cancelamento"),
                0,
                "{\"motivo\": \"registrado no paciente errado\"}")));
        MvcResult admissao = h.post("/api/atendimentos", Hospital.internacao(paciente, leito))
                .andExpect(status().isAccepted())
                .andReturn();
        operacoes.add(operacao(admissao));
        String atendimento = JsonPath.read(admissao.getResponse().getContentAsString(), "$.entity_id");
        MvcResult criacao = h.post("/api/leitos", """
                        {"unidade_id": "%s", "codigo": "%s", "tipo": "UTI_ADULTO", "acomodacao": "ENFERMARIA"}
                        """.formatted(unidade, Ids.codigo("N")))
                .andExpect(status().isAccepted())
                .andReturn();
        operacoes.add(operacao(criacao));
        String novoLeito = JsonPath.read(criacao.getResponse().getContentAsString(), "$.entity_id");
        operacoes.add(aceito(h.post("/api/transferencias", """
                {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "MUDANCA_NIVEL_CUIDADO"}
                """.formatted(atendimento, leito, novoLeito))));
        operacoes.add(aceito(h.post("/api/altas", """
                {"atendimento_id": "%s", "motivo": "ALTA_CURADO", "cid_principal": "J18.9"}
                """.formatted(atendimento))));
        operacoes.add(aceito(com(
                MockMvcRequestBuilders.post("/api/leitos/" + outroLeito + "/status"),
                2,
                "{\"status\": \"DISPONIVEL\"}")));
        mvc.perform(get("/api/staging").with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.banco").value("INDISPONIVEL"))
                .andExpect(jsonPath("$.pendentes").value(11))
                .andExpect(jsonPath("$.pendentes_por_acao.update.paciente").value(1))
                .andExpect(jsonPath("$.pendentes_por_acao.create.alta").value(1));

        circuit.recordSuccess();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.quarentena()).isZero();
        assertThat(replay.conflitos()).isZero();
        assertThat(replay.aplicadas()).isEqualTo(11);
        assertThat(staging.stats().pending()).isZero();
        assertThat(replayer.run("teste").aplicadas()).isZero();

        h.get("/api/unidades/" + unidade).andExpect(jsonPath("$.nome").value("Enfermaria São Lucas II"));
        h.get("/api/pacientes/" + paciente).andExpect(jsonPath("$.nome_social").value("Joca"));
        h.get("/api/atendimentos/" + atendimento).andExpect(jsonPath("$.status").value("FINALIZADO"));
        h.get("/api/atendimentos/" + cancelado).andExpect(jsonPath("$.status").value("CANCELADO"));
        h.get("/api/leitos/" + outroLeito).andExpect(jsonPath("$.status").value("DISPONIVEL"));
        h.get("/api/leitos/" + novoLeito).andExpect(jsonPath("$.status").value("HIGIENIZACAO"));
        for (String operacao : operacoes) {
            h.get("/api/staging/operations/" + operacao)
                    .andExpect(jsonPath("$.status").value("APPLIED"));
        }
    }

    @Test
    void administratorsListInspectRetryAndDiscardStagedOperations() throws Exception {
        h = new Hospital(mvc);
        String unidade = h.unidade();
        circuit.recordUnavailable();
        // a bed in a unit that does not exist: refused at replay, quarantined
        String quebrado = aceito(h.post("/api/leitos", """
                {"unidade_id": "01936f3e-0000-7000-8000-000000000000", "codigo": "X-1", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                """));
        String descartavel = aceito(h.post("/api/leitos", """
                {"unidade_id": "%s", "codigo": "%s", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                """.formatted(unidade, Ids.codigo("D"))));
        mvc.perform(get("/api/staging/operations").param("area", "pending").with(Hospital.ADMIN))
                .andExpect(jsonPath("$.itens[*].operation_id", hasItem(quebrado)))
                .andExpect(jsonPath("$.itens[0].entity").value("leito"));
        mvc.perform(get("/api/staging/operations/" + quebrado + "/conteudo").with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.registro.payload.codigo").value("X-1"))
                .andExpect(jsonPath("$.registro.action").value("create"));
        mvc.perform(get("/api/staging/operations/" + quebrado + "/conteudo")
                        .with(user("r").roles("RECEPCAO")))
                .andExpect(status().isForbidden());
        mvc.perform(MockMvcRequestBuilders.post("/api/staging/operations/" + descartavel + "/discard")
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"motivo\": \"leito cadastrado em duplicidade\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISCARDED"));

        circuit.recordSuccess();
        mvc.perform(MockMvcRequestBuilders.post("/api/staging/replay").with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.resultado").value("CONCLUIDA"))
                .andExpect(jsonPath("$.quarentena").value(1))
                .andExpect(jsonPath("$.gatilho").value("manual"));
        mvc.perform(get("/api/staging/operations/" + quebrado).with(user("e").roles("ENFERMAGEM")))
                .andExpect(jsonPath("$.status").value("QUARANTINED"))
                .andExpect(jsonPath("$.motivo").value(containsString("UnidadeInexistente")));
        mvc.perform(get("/api/staging/operations").param("area", "quarantine").with(Hospital.ADMIN))
                .andExpect(jsonPath("$.itens[*].operation_id", hasItem(quebrado)));
        mvc.perform(get("/api/staging").with(Hospital.ADMIN))
                .andExpect(jsonPath("$.quarentena").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.ultima_reexecucao.gatilho").value("manual"));

        mvc.perform(MockMvcRequestBuilders.post("/api/staging/operations/" + quebrado + "/retry")
                        .with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));
        mvc.perform(MockMvcRequestBuilders.post("/api/staging/operations/" + quebrado + "/discard")
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"motivo\": \"unidade digitada errada; recadastrado\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISCARDED"));
        assertThat(staging.stats().pending()).isZero();
        mvc.perform(MockMvcRequestBuilders.post("/api/staging/replay")
                        .with(user("g").roles("GESTAO_LEITOS")))
                .andExpect(status().isForbidden());
    }

    @Test
    void metricsShowTheBacklog() throws Exception {
        circuit.recordUnavailable();
        aceito(new Hospital(mvc).post("/api/pacientes", """
                {"nome": "Métrica da Silva", "cpf": "%s", "data_nascimento": "1990-01-01", "sexo": "M"}
                """.formatted(Ids.cpf())));
        mvc.perform(get("/actuator/prometheus").with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("hospital_staging_pending ")))
                .andExpect(content().string(containsString("hospital_database_available 0.0")));
        mvc.perform(get("/actuator/health").with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DEGRADED"))
                .andExpect(jsonPath("$.components.staging.details.pendentes")
                        .value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
    }

    @Test
    void theCrontabScheduleFiresAReplayWhenTheClockReachesIt() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T15:00:00Z")); // 12:00 in Recife
        ReplayScheduler scheduler =
                new ReplayScheduler(replayer, clock, new SyncTaskExecutor(), "35 21 * * *", "America/Recife", true);
        assertThat(scheduler.next()).isEqualTo(Instant.parse("2026-11-28T00:35:00Z"));
        ReplayResult antes = replayer.last();
        scheduler.tick();
        assertThat(replayer.last()).as("not yet time").isSameAs(antes);
        clock.set(Instant.parse("2026-11-28T00:35:00Z"));
        scheduler.tick();
        assertThat(replayer.last().gatilho()).isEqualTo("cron");
        assertThat(scheduler.next()).isEqualTo(Instant.parse("2026-11-29T00:35:00Z"));
    }

    private ResultActions alterar(String path, long versao, String patch) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.patch(path)
                .with(Hospital.ADMIN)
                .header("If-Match", "\"" + versao + "\"")
                .contentType("application/merge-patch+json")
                .content(patch));
    }

    private ResultActions com(MockHttpServletRequestBuilder request, long versao, String body) throws Exception {
        return mvc.perform(request.with(Hospital.ADMIN)
                .header("If-Match", "\"" + versao + "\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String operacao(MvcResult result) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.operation_id");
    }

    private static String aceito(ResultActions resposta) throws Exception {
        MvcResult result = resposta.andExpect(status().isAccepted()).andReturn();
        return JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.operation_id");
    }

    private static String profissional() {
        return """
                {"nome": "Ana Beatriz Cavalcanti", "cpf": "%s", "conselho": "COREN", "conselho_uf": "PE",
                 "conselho_numero": "%s", "cbo": "223505"}
                """.formatted(Ids.cpf(), Ids.codigo("C").replace("-", ""));
    }
}
