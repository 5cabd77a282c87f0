package br.com.rhp.hospital.trilha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.replay.ReplayResult;
import br.com.rhp.hospital.replay.Replayer;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.support.MutableClock;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The audit trail on both engines: one entry per applied write (live or staged and replayed, with the
 * submitter's user, node, address and time), reads of patient data, staging administration done while
 * the database is down, the hash chain and its verification (tampering by raw SQL is reported), the
 * filters, and that no patient data reaches the trail. The application's clock is a {@link
 * MutableClock}; the outage is simulated by opening the circuit.
 */
@IntegrationTest
@TestPropertySource(
        properties = {"DATABASE_PROBE_INTERVAL=PT1H", "DATABASE_RETRY_INTERVAL=PT1H", "REPLAY_ON_RECOVERY=false"})
class TrilhaDeAuditoriaIntegrationTests {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));

    private static final RequestPostProcessor RECEPCAO = user("recepcao.ana").roles("RECEPCAO");
    private static final RequestPostProcessor MEDICO = user("dr.caio").roles("MEDICO");
    private static final RequestPostProcessor AUDITOR = user("dpo.lia").roles("AUDITOR");

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    Replayer replayer;

    @Autowired
    StagingStore staging;

    @Autowired
    TrilhaDeAuditoria trilha;

    @Autowired
    WriteGateway gateway;

    @Autowired
    Operations operations;

    @Autowired
    DataSource dataSource;

    JdbcTemplate sql;
    Hospital h;

    @BeforeEach
    void preparar() {
        sql = new JdbcTemplate(dataSource);
        h = new Hospital(mvc);
    }

    @AfterEach
    void bancoDeVolta() {
        circuit.recordSuccess();
        replayer.run("teste");
        trilha.enviarPendentes();
    }

    @Test
    void recordsOneEntryPerCreateChangeAndVoidWithWhoWhenAndWhere() throws Exception {
        CLOCK.set(Instant.parse("2026-11-27T12:00:00Z"));
        String cpf = Ids.cpf();
        String id = criarPaciente(cpf, RECEPCAO);
        CLOCK.set(Instant.parse("2026-11-27T12:05:00Z"));
        alterar(id, 0, "{\"nome_social\": \"Joca\"}").andExpect(status().isOk());
        CLOCK.set(Instant.parse("2026-11-27T12:10:00Z"));
        mvc.perform(post("/api/pacientes/" + id + "/anulacao")
                        .with(RECEPCAO)
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"motivo\": \"cadastro duplicado\"}"))
                .andExpect(status().isOk());

        List<Map<String, Object>> itens = consultar("registro_id=" + id + "&size=50");
        assertThat(itens).extracting(e -> e.get("acao")).containsExactly("ANULAR", "ALTERAR", "CRIAR");
        assertThat(itens).allSatisfy(e -> {
            assertThat(e.get("usuario")).isEqualTo("recepcao.ana");
            assertThat(e.get("no_origem")).isEqualTo("no-teste");
            assertThat(e.get("cadeia")).isEqualTo("no-teste");
            assertThat(e.get("endereco")).isEqualTo("127.0.0.1");
            assertThat(e.get("entidade")).isEqualTo("paciente");
            assertThat(e.get("resultado")).isEqualTo("SUCESSO");
            assertThat(e.get("operation_id")).isNotNull();
        });
        assertThat(itens)
                .extracting(e -> e.get("ocorrido_em"))
                .containsExactly("2026-11-27T12:10:00Z", "2026-11-27T12:05:00Z", "2026-11-27T12:00:00Z");
        assertThat(itens).extracting(e -> e.get("comando")).containsExactly("anular", "alterar", "criar");
        // the operation id of each entry is that operation's row in the ledger
        for (Map<String, Object> e : itens) {
            assertThat(sql.queryForObject(
                            "SELECT count(*) FROM applied_operations WHERE operation_id = ?",
                            Integer.class,
                            e.get("operation_id")))
                    .isEqualTo(1);
        }
        assertThat(verificacao().get("integra")).isEqualTo(true);
        semDadosDoPaciente(cpf);
    }

    @Test
    void recordsARefusedWriteWithTheRuleAndNothingChanged() throws Exception {
        String id = criarPaciente(Ids.cpf(), RECEPCAO);
        alterar(id, 7, "{\"nome_social\": \"Joca\"}").andExpect(status().isPreconditionFailed());

        List<Map<String, Object>> recusas = consultar("registro_id=" + id + "&acao=alterar");
        assertThat(recusas).hasSize(1);
        assertThat(recusas.get(0).get("resultado")).isEqualTo("RECUSADO");
        assertThat((String) recusas.get(0).get("detalhe")).isNotBlank();
    }

    @Test
    void recordsReadsOfPatientDataButNotOfBedStatus() throws Exception {
        String unidade = h.unidade();
        String leito = h.leito(unidade);
        String paciente = criarPaciente(Ids.cpf(), RECEPCAO);
        String atendimento = h.internar(paciente, leito);

        mvc.perform(get("/api/pacientes/" + paciente).with(MEDICO)).andExpect(status().isOk());
        mvc.perform(get("/api/atendimentos/" + atendimento).with(MEDICO)).andExpect(status().isOk());
        mvc.perform(get("/api/leitos/" + leito + "/ocupacao").with(MEDICO)).andExpect(status().isOk());
        mvc.perform(get("/api/unidades/" + unidade + "/censo").with(MEDICO)).andExpect(status().isOk());
        mvc.perform(get("/api/leitos/" + leito).with(MEDICO)).andExpect(status().isOk());

        List<Map<String, Object>> leituras = consultar("usuario=dr.caio&acao=LER&size=50");
        assertThat(leituras)
                .extracting(e -> e.get("entidade") + ":" + e.get("registro_id"))
                .containsExactlyInAnyOrder(
                        "paciente:" + paciente, "atendimento:" + atendimento, "leito:" + leito, "unidade:" + unidade);
        assertThat(leituras).allSatisfy(e -> assertThat(e.get("endereco")).isEqualTo("127.0.0.1"));
    }

    @Test
    void readNotFoundIsNotRecordedAsARead() throws Exception {
        String ninguem = UUID.randomUUID().toString();
        mvc.perform(get("/api/pacientes/" + ninguem).with(MEDICO)).andExpect(status().isNotFound());
        assertThat(consultar("registro_id=" + ninguem)).isEmpty();
    }

    @Test
    void stagedWritesReplayedLaterGetExactlyOneEntryEachWithTheSubmittersUserTimeAndNode() throws Exception {
        String id = criarPaciente(Ids.cpf(), RECEPCAO);
        Instant submetido = Instant.parse("2026-11-27T13:00:00.123Z");
        CLOCK.set(submetido);
        circuit.recordUnavailable();
        MvcResult staged = alterar(id, 0, "{\"nome_social\": \"Zeca\"}")
                .andExpect(status().isAccepted())
                .andReturn();
        String operacao =
                JsonPath.read(staged.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.operation_id");
        MvcResult criado = h.post("/api/pacientes", """
                        {"nome": "Maria das Dores", "cpf": "%s", "data_nascimento": "1980-01-02", "sexo": "F"}
                        """.formatted(Ids.cpf()), RECEPCAO)
                .andExpect(status().isAccepted())
                .andReturn();
        String outraOperacao =
                JsonPath.read(criado.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.operation_id");
        assertThat(sql.queryForObject(
                        "SELECT count(*) FROM trilha_auditoria WHERE operation_id IN (?, ?)",
                        Integer.class,
                        operacao,
                        outraOperacao))
                .isZero();

        CLOCK.set(submetido.plus(Duration.ofHours(3)));
        circuit.recordSuccess();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.aplicadas()).isEqualTo(2);
        // a second run (and a replay of an already applied operation) adds nothing
        replayer.run("teste");

        for (String op : List.of(operacao, outraOperacao)) {
            List<Map<String, Object>> entradas = consultar("operation_id=" + op);
            assertThat(entradas).as("entries of operation %s", op).hasSize(1);
            Map<String, Object> e = entradas.get(0);
            assertThat(e.get("usuario")).isEqualTo("recepcao.ana");
            assertThat(e.get("no_origem")).isEqualTo("no-teste");
            assertThat(e.get("endereco")).isEqualTo("127.0.0.1");
            assertThat(e.get("ocorrido_em")).isEqualTo("2026-11-27T13:00:00.123Z");
            assertThat(e.get("gravado_em")).isEqualTo("2026-11-27T16:00:00.123Z");
            assertThat(e.get("resultado")).isEqualTo("SUCESSO");
        }
        assertThat(verificacao().get("integra")).isEqualTo(true);
    }

    @Test
    void stagingAdministrationWhileTheDatabaseIsDownIsKeptOnTheNodeAndSentOnceWhenItReturns() throws Exception {
        String id = criarPaciente(Ids.cpf(), RECEPCAO);
        // a stale version: staged, then refused at replay and put in the conflict queue
        circuit.recordUnavailable();
        MvcResult staged = alterar(id, 9, "{\"nome_social\": \"Tico\"}")
                .andExpect(status().isAccepted())
                .andReturn();
        String operacao =
                JsonPath.read(staged.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.operation_id");
        circuit.recordSuccess();
        assertThat(replayer.run("teste").conflitos()).isEqualTo(1);

        Instant naQueda = Instant.parse("2026-11-27T14:00:00Z");
        CLOCK.set(naQueda);
        circuit.recordUnavailable();
        mvc.perform(post("/api/staging/operations/" + operacao + "/retry").with(Hospital.ADMIN))
                .andExpect(status().isOk());
        mvc.perform(post("/api/staging/operations/" + operacao + "/discard")
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"motivo\": \"versão antiga, refeito pelo usuário\"}"))
                .andExpect(status().isOk());
        Path pendentes = staging.root().resolve("trilha").resolve("pendentes.jsonl");
        assertThat(Files.readAllLines(pendentes)).hasSize(2);
        assertThat(sql.queryForObject(
                        "SELECT count(*) FROM trilha_auditoria WHERE acao IN ('REPROCESSAR', 'DESCARTAR')",
                        Integer.class))
                .isZero();

        // a crash after the commit and before the file is emptied: the same lines are sent again
        byte[] copia = Files.readAllBytes(pendentes);
        CLOCK.set(naQueda.plus(Duration.ofMinutes(30)));
        circuit.recordSuccess();
        assertThat(trilha.enviarPendentes()).isEqualTo(2);
        assertThat(pendentes).doesNotExist();
        Files.write(pendentes, copia);
        assertThat(trilha.enviarPendentes()).isZero();

        List<Map<String, Object>> acoes = consultar("operation_id=" + operacao + "&usuario=admin");
        assertThat(acoes).extracting(e -> e.get("acao")).containsExactlyInAnyOrder("REPROCESSAR", "DESCARTAR");
        assertThat(acoes).allSatisfy(e -> {
            assertThat(e.get("ocorrido_em")).isEqualTo("2026-11-27T14:00:00Z");
            assertThat(e.get("gravado_em")).isEqualTo("2026-11-27T14:30:00Z");
            assertThat(e.get("registro_id")).isEqualTo(id);
            assertThat(e.get("entidade")).isEqualTo("paciente");
        });
        assertThat(verificacao().get("integra")).isEqualTo(true);
    }

    @Test
    void verificationFindsTheFirstTamperedEntryAndTheChainHealsWhenTheRowIsRestored() throws Exception {
        criarPaciente(Ids.cpf(), RECEPCAO);
        criarPaciente(Ids.cpf(), RECEPCAO);
        criarPaciente(Ids.cpf(), RECEPCAO);
        assertThat(verificacao().get("integra")).isEqualTo(true);
        long ultima =
                sql.queryForObject("SELECT max(posicao) FROM trilha_auditoria WHERE cadeia = 'no-teste'", Long.class);
        long alvo = ultima - 1;
        String id = sql.queryForObject(
                "SELECT id FROM trilha_auditoria WHERE cadeia = 'no-teste' AND posicao = ?", String.class, alvo);
        String usuario = sql.queryForObject("SELECT usuario FROM trilha_auditoria WHERE id = ?", String.class, id);

        // someone with database access hides who did it
        sql.update("UPDATE trilha_auditoria SET usuario = 'outra.pessoa' WHERE id = ?", id);
        Map<String, Object> quebrada = verificacao();
        assertThat(quebrada.get("integra")).isEqualTo(false);
        Map<String, Object> cadeia = cadeia(quebrada, "no-teste");
        assertThat(cadeia.get("integra")).isEqualTo(false);
        Map<?, ?> quebra = (Map<?, ?>) cadeia.get("quebra");
        assertThat(((Number) quebra.get("posicao")).longValue()).isEqualTo(alvo);
        assertThat(quebra.get("entrada_id")).isEqualTo(id);
        assertThat((String) quebra.get("motivo")).contains("conteúdo alterado");

        // ... and recomputes that entry's hash: the next entry no longer links to it
        sql.update("UPDATE trilha_auditoria SET usuario = ? WHERE id = ?", usuario, id);
        String hash = sql.queryForObject("SELECT hash FROM trilha_auditoria WHERE id = ?", String.class, id);
        sql.update("UPDATE trilha_auditoria SET hash = ? WHERE id = ?", "f".repeat(64), id);
        Map<?, ?> outra = (Map<?, ?>) cadeia(verificacao(), "no-teste").get("quebra");
        assertThat(((Number) outra.get("posicao")).longValue()).isEqualTo(alvo);

        sql.update("UPDATE trilha_auditoria SET hash = ? WHERE id = ?", hash, id);
        assertThat(verificacao().get("integra")).isEqualTo(true);
    }

    @Test
    void verificationReportsADeletedEntry() throws Exception {
        criarPaciente(Ids.cpf(), RECEPCAO);
        criarPaciente(Ids.cpf(), RECEPCAO);
        long ultima =
                sql.queryForObject("SELECT max(posicao) FROM trilha_auditoria WHERE cadeia = 'no-teste'", Long.class);
        Map<String, Object> linha =
                sql.queryForMap("SELECT * FROM trilha_auditoria WHERE cadeia = 'no-teste' AND posicao = ?", ultima - 1);
        sql.update("DELETE FROM trilha_auditoria WHERE id = ?", linha.get("id"));
        try {
            Map<?, ?> quebra = (Map<?, ?>) cadeia(verificacao(), "no-teste").get("quebra");
            assertThat(((Number) quebra.get("posicao")).longValue()).isEqualTo(ultima);
            assertThat((String) quebra.get("motivo")).contains("posição " + (ultima - 1) + " esperada");
        } finally {
            // put it back as it was, for the other tests of this context
            List<String> colunas = new ArrayList<>(linha.keySet());
            sql.update(
                    "INSERT INTO trilha_auditoria (" + String.join(", ", colunas) + ") VALUES ("
                            + String.join(", ", colunas.stream().map(c -> "?").toList()) + ")",
                    colunas.stream().map(linha::get).toArray());
        }
        assertThat(verificacao().get("integra")).isEqualTo(true);
    }

    @Test
    void verificationReportsAnEntryAppendedBehindTheServicesBackAndACutTail() throws Exception {
        criarPaciente(Ids.cpf(), RECEPCAO);
        long ultima =
                sql.queryForObject("SELECT max(posicao) FROM trilha_auditoria WHERE cadeia = 'no-teste'", Long.class);
        Map<String, Object> linha =
                sql.queryForMap("SELECT * FROM trilha_auditoria WHERE cadeia = 'no-teste' AND posicao = ?", ultima);
        List<String> colunas = new ArrayList<>(linha.keySet());
        String insert = "INSERT INTO trilha_auditoria (" + String.join(", ", colunas) + ") VALUES ("
                + String.join(", ", colunas.stream().map(c -> "?").toList()) + ")";

        // a forged entry after the last one, correctly chained, without moving the head
        Map<String, Object> forjada = new java.util.LinkedHashMap<>(linha);
        forjada.put("id", UUID.randomUUID().toString());
        forjada.put("posicao", ultima + 1);
        forjada.put("hash_anterior", linha.get("hash"));
        sql.update(insert, colunas.stream().map(forjada::get).toArray());
        Map<?, ?> quebra = (Map<?, ?>) cadeia(verificacao(), "no-teste").get("quebra");
        assertThat(((Number) quebra.get("posicao")).longValue()).isEqualTo(ultima + 1);
        assertThat((String) quebra.get("motivo")).contains("além da cabeça");
        sql.update("DELETE FROM trilha_auditoria WHERE id = ?", forjada.get("id"));

        // the last entry removed: the head still names it
        sql.update("DELETE FROM trilha_auditoria WHERE id = ?", linha.get("id"));
        try {
            Map<?, ?> corte = (Map<?, ?>) cadeia(verificacao(), "no-teste").get("quebra");
            assertThat((String) corte.get("motivo")).contains("entradas finais removidas");
        } finally {
            sql.update(insert, colunas.stream().map(linha::get).toArray());
        }
        assertThat(verificacao().get("integra")).isEqualTo(true);
    }

    @Test
    void concurrentWritersOfOneNodeKeepOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> gateway.submit(operations
                        .as("carga")
                        .create(
                                "unidade",
                                Map.of(
                                        "codigo",
                                        Ids.codigo("C"),
                                        "nome",
                                        "Ala Norte",
                                        "tipo",
                                        "ALA",
                                        "aceita_internacao",
                                        true)))));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(consultar("usuario=carga&size=100")).hasSize(20);
        assertThat(verificacao().get("integra")).isEqualTo(true);
        Long entradas =
                sql.queryForObject("SELECT count(*) FROM trilha_auditoria WHERE cadeia = 'no-teste'", Long.class);
        Long cabeca =
                sql.queryForObject("SELECT posicao FROM trilha_auditoria_cabeca WHERE cadeia = 'no-teste'", Long.class);
        assertThat(cabeca).isEqualTo(entradas);
    }

    @Test
    void filtersByUserEntityRecordActionAndPeriodAndPages() throws Exception {
        CLOCK.set(Instant.parse("2026-11-20T08:00:00Z"));
        String antigo = criarPaciente(Ids.cpf(), user("recepcao.filtro").roles("RECEPCAO"));
        CLOCK.set(Instant.parse("2026-11-21T08:00:00Z"));
        String unidade = h.unidade();
        CLOCK.set(Instant.parse("2026-11-22T08:00:00Z"));
        String novo = criarPaciente(Ids.cpf(), user("recepcao.filtro").roles("RECEPCAO"));
        mvc.perform(get("/api/pacientes/" + novo).with(user("recepcao.filtro").roles("RECEPCAO")))
                .andExpect(status().isOk());
        CLOCK.set(Instant.parse("2026-11-27T12:00:00Z"));

        assertThat(consultar("usuario=recepcao.filtro&size=50"))
                .extracting(e -> e.get("acao") + ":" + e.get("registro_id"))
                .containsExactly("LER:" + novo, "CRIAR:" + novo, "CRIAR:" + antigo);
        assertThat(consultar("usuario=recepcao.filtro&acao=CRIAR"))
                .extracting(e -> e.get("registro_id"))
                .containsExactly(novo, antigo);
        assertThat(consultar("entidade=unidade&registro_id=" + unidade))
                .extracting(e -> e.get("usuario"))
                .containsExactly("admin");
        assertThat(consultar("usuario=recepcao.filtro&de=2026-11-20T00:00:00Z&ate=2026-11-21T23:59:59Z"))
                .extracting(e -> e.get("registro_id"))
                .containsExactly(antigo);

        String pagina = mvc.perform(get("/api/auditoria?usuario=recepcao.filtro&size=2&page=1")
                        .with(AUDITOR))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat((Integer) JsonPath.read(pagina, "$.total_itens")).isEqualTo(3);
        assertThat((Integer) JsonPath.read(pagina, "$.total_paginas")).isEqualTo(2);
        assertThat((List<?>) JsonPath.read(pagina, "$.itens")).hasSize(1);

        mvc.perform(get("/api/auditoria?acao=APAGAR").with(AUDITOR)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/auditoria?de=ontem").with(AUDITOR)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/auditoria?de=2026-11-22T00:00:00Z&ate=2026-11-21T00:00:00Z")
                        .with(AUDITOR))
                .andExpect(status().isBadRequest());
    }

    @Test
    void auditorReadsTheTrailButNoPatientAndOtherRolesCannotReadTheTrail() throws Exception {
        String id = criarPaciente(Ids.cpf(), RECEPCAO);
        mvc.perform(get("/api/auditoria").with(AUDITOR)).andExpect(status().isOk());
        mvc.perform(get("/api/auditoria/verificacao").with(AUDITOR)).andExpect(status().isOk());
        mvc.perform(get("/api/auditoria").with(Hospital.ADMIN)).andExpect(status().isOk());
        mvc.perform(get("/api/pacientes/" + id).with(AUDITOR)).andExpect(status().isForbidden());
        mvc.perform(get("/api/auditoria").with(RECEPCAO)).andExpect(status().isForbidden());
        mvc.perform(get("/api/auditoria").with(MEDICO)).andExpect(status().isForbidden());
    }

    @Test
    void queriesOfTheTrailAreThemselvesRecorded() throws Exception {
        mvc.perform(get("/api/auditoria?usuario=dr.plantao&acao=LER")
                        .with(user("dpo.rui").roles("AUDITOR")))
                .andExpect(status().isOk());
        List<Map<String, Object>> consultas = consultar("usuario=dpo.rui&entidade=trilha_auditoria");
        assertThat(consultas).hasSize(1);
        assertThat((String) consultas.get(0).get("detalhe"))
                .contains("usuario=dr.plantao")
                .contains("acao=LER");
    }

    @Test
    void breakTheGlassAccessIsRecordedWithItsReason() throws Exception {
        Instant em = Instant.parse("2026-11-27T03:15:00Z");
        trilha.registrarAcessoEmergencial(
                "dr.plantao", "parada cardiorrespiratória no leito 12", "GET", "/api/pacientes/x", "10.1.2.3", em);
        List<Map<String, Object>> entradas = consultar("usuario=dr.plantao&acao=ACESSO_EMERGENCIAL");
        assertThat(entradas).hasSize(1);
        assertThat(entradas.get(0).get("ocorrido_em")).isEqualTo("2026-11-27T03:15:00Z");
        assertThat(entradas.get(0).get("endereco")).isEqualTo("10.1.2.3");
        assertThat((String) entradas.get(0).get("detalhe"))
                .contains("GET /api/pacientes/x")
                .contains("parada cardiorrespiratória no leito 12");
    }

    // --- helpers

    private String criarPaciente(String cpf, RequestPostProcessor quem) throws Exception {
        MvcResult r = h.post("/api/pacientes", """
                        {"nome": "João da Conceição", "cpf": "%s", "data_nascimento": "1971-03-12", "sexo": "M"}
                        """.formatted(cpf), quem)
                .andExpect(status().isCreated())
                .andReturn();
        return JsonPath.read(r.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
    }

    private ResultActions alterar(String id, long versao, String corpo) throws Exception {
        return mvc.perform(patch("/api/pacientes/" + id)
                .with(RECEPCAO)
                .header("If-Match", "\"" + versao + "\"")
                .contentType("application/merge-patch+json")
                .content(corpo));
    }

    private List<Map<String, Object>> consultar(String filtros) throws Exception {
        String body = mvc.perform(get("/api/auditoria?" + filtros).with(AUDITOR))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.itens");
    }

    private Map<String, Object> verificacao() throws Exception {
        String body = mvc.perform(get("/api/auditoria/verificacao").with(AUDITOR))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cadeia(Map<String, Object> verificacao, String nome) {
        return ((List<Map<String, Object>>) verificacao.get("cadeias"))
                .stream().filter(c -> nome.equals(c.get("cadeia"))).findFirst().orElseThrow();
    }

    /** No column of any entry holds the patient's CPF, name or any other field of the form. */
    private void semDadosDoPaciente(String cpf) {
        for (Map<String, Object> linha : sql.queryForList("SELECT * FROM trilha_auditoria")) {
            for (Object valor : linha.values()) {
                String texto = String.valueOf(valor);
                assertThat(texto)
                        .doesNotContain(cpf)
                        .doesNotContain("Conceição")
                        .doesNotContain("Joca");
            }
        }
    }
}
