package br.com.rhp.hospital.trilha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
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
import br.com.rhp.hospital.support.TestDatabase;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResult;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail on both engines: one entry per applied write (live or staged and replayed, with the
 * submitter's user, node, address and time), reads of patient data, staging administration done while
 * the database is down, the hash chain and its verification (tampering by raw SQL is reported), the
 * filters, and that no patient data reaches the trail; writers that do not wait for each other and the
 * sealer that chains their entries afterwards. The application's clock is a {@link MutableClock}; the
 * outage is simulated by opening the circuit; the scheduled sealer is off, so entries are sealed when a
 * test (or the verification) says so.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "DATABASE_PROBE_INTERVAL=PT1H",
            "DATABASE_RETRY_INTERVAL=PT1H",
            "REPLAY_ON_RECOVERY=false",
            "AUDIT_SEAL_INTERVAL=PT1H"
        })
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

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Selador selador;

    @Autowired
    EntradaRepository entradas;

    @Autowired
    CabecaRepository cabecas;

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
        // the verification seals them first
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
        assertThat(selador.selar().falhas()).isZero();
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
        assertThat(selador.selar().falhas()).isZero();
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
        // the verification seals every committed entry first, then checks the chain
        assertThat(verificacao().get("integra")).isEqualTo(true);
        Long entradas =
                sql.queryForObject("SELECT count(*) FROM trilha_auditoria WHERE cadeia = 'no-teste'", Long.class);
        Long cabeca =
                sql.queryForObject("SELECT posicao FROM trilha_auditoria_cabeca WHERE cadeia = 'no-teste'", Long.class);
        assertThat(cabeca).isEqualTo(entradas);
    }

    @Test
    void writesLeaveTheirEntryUnsealedAndTheHeadAloneUntilTheSealerChainsThemFromTheHead() throws Exception {
        criarPaciente(Ids.cpf(), RECEPCAO);
        assertThat(selador.selar().falhas()).isZero();
        Map<String, Object> cabeca =
                sql.queryForMap("SELECT posicao, hash FROM trilha_auditoria_cabeca WHERE cadeia = 'no-teste'");
        long inicio = ((Number) cabeca.get("posicao")).longValue();

        CLOCK.set(Instant.parse("2026-11-27T18:00:01Z"));
        String a = criarPaciente(Ids.cpf(), RECEPCAO);
        CLOCK.set(Instant.parse("2026-11-27T18:00:02Z"));
        String b = criarPaciente(Ids.cpf(), RECEPCAO);
        CLOCK.set(Instant.parse("2026-11-27T18:00:03Z"));
        String c = criarPaciente(Ids.cpf(), RECEPCAO);

        // written, not chained: no position, no hashes, and the head where it was
        assertThat(sql.queryForList(
                        "SELECT posicao, hash_anterior, hash FROM trilha_auditoria WHERE registro_id IN (?, ?, ?)",
                        a,
                        b,
                        c))
                .hasSize(3)
                .allSatisfy(linha -> assertThat(linha.values()).containsOnlyNulls());
        assertThat(sql.queryForMap("SELECT posicao, hash FROM trilha_auditoria_cabeca WHERE cadeia = 'no-teste'"))
                .isEqualTo(cabeca);
        // the trail shows them already, unsealed
        CLOCK.set(Instant.parse("2026-11-27T18:00:04Z"));
        List<Map<String, Object>> visto = consultar("registro_id=" + a);
        assertThat(visto).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("posicao", null);
            assertThat(e).containsEntry("hash_anterior", null);
            assertThat(e).containsEntry("hash", null);
        });

        Selador.Selagem selagem = selador.selar();
        assertThat(selagem.falhas()).isZero();
        // a, b, c and the query of the trail: the next positions after the head, in the order written,
        // each linked to the one before, the first to the head
        List<Map<String, Object>> seladas = sql.queryForList(
                "SELECT registro_id, entidade, posicao, hash_anterior, hash FROM trilha_auditoria"
                        + " WHERE cadeia = 'no-teste' AND posicao > ? ORDER BY posicao",
                inicio);
        assertThat(seladas).hasSize(4);
        assertThat(selagem.seladas()).isEqualTo(4);
        assertThat(seladas)
                .extracting(e -> String.valueOf(e.get("registro_id")))
                .containsExactly(a, b, c, "null");
        String anterior = (String) cabeca.get("hash");
        for (int i = 0; i < seladas.size(); i++) {
            Map<String, Object> e = seladas.get(i);
            assertThat(((Number) e.get("posicao")).longValue()).isEqualTo(inicio + 1 + i);
            assertThat(e.get("hash_anterior")).isEqualTo(anterior);
            assertThat((String) e.get("hash")).hasSize(64).isNotEqualTo(anterior);
            anterior = (String) e.get("hash");
        }
        Map<String, Object> depois =
                sql.queryForMap("SELECT posicao, hash FROM trilha_auditoria_cabeca WHERE cadeia = 'no-teste'");
        assertThat(((Number) depois.get("posicao")).longValue()).isEqualTo(inicio + 4);
        assertThat(depois.get("hash")).isEqualTo(anterior);
        Map<String, Object> verificacao = verificacao();
        assertThat(verificacao.get("integra")).isEqualTo(true);
        assertThat(((Number) cadeia(verificacao, "no-teste").get("nao_seladas")).longValue())
                .isZero();
        CLOCK.set(Instant.parse("2026-11-27T12:00:00Z"));
    }

    @Test
    void twoSealersRacingOnOneChainSealEachEntryOnceWithoutAPositionTwice() throws Exception {
        assertThat(selador.selar().falhas()).isZero();
        int n = Selador.LOTE * 3 + 7;
        List<EventoDeAuditoria> eventos = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            eventos.add(evento("corrida", "no-teste"));
        }
        transactions.executeWithoutResult(status -> trilha.registrarNaTransacao(eventos));
        assertThat(sql.queryForObject(
                        "SELECT count(*) FROM trilha_auditoria WHERE usuario = 'corrida' AND posicao IS NULL",
                        Integer.class))
                .isEqualTo(n);

        CyclicBarrier largada = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Selador.Selagem> selagens = new ArrayList<>();
        try {
            List<Future<Selador.Selagem>> seladores = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                seladores.add(pool.submit(() -> {
                    largada.await(30, TimeUnit.SECONDS);
                    return selador.selar();
                }));
            }
            for (Future<Selador.Selagem> f : seladores) {
                selagens.add(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdown();
        }
        // neither sealer met an entry the other had sealed (the head lock made them take turns), and
        // together they sealed each entry once
        assertThat(selagens).extracting(Selador.Selagem::falhas).containsOnly(0);
        assertThat(selagens.stream().mapToLong(Selador.Selagem::seladas).sum()).isEqualTo(n);
        assertThat(sql.queryForObject(
                        "SELECT count(*) FROM trilha_auditoria WHERE cadeia = 'no-teste' AND posicao IS NULL",
                        Integer.class))
                .isZero();
        Map<String, Object> posicoes = sql.queryForMap("SELECT count(*) AS entradas, count(DISTINCT posicao) AS"
                + " distintas, max(posicao) AS ultima FROM trilha_auditoria WHERE cadeia = 'no-teste'");
        assertThat(((Number) posicoes.get("distintas")).longValue())
                .isEqualTo(((Number) posicoes.get("entradas")).longValue())
                .isEqualTo(((Number) posicoes.get("ultima")).longValue())
                .isEqualTo(sql.queryForObject(
                        "SELECT posicao FROM trilha_auditoria_cabeca WHERE cadeia = 'no-teste'", Long.class));
        assertThat(verificacao().get("integra")).isEqualTo(true);
    }

    @Test
    void entriesOfANodeGoneForGoodAreSealedByAnotherNodesSealer() throws Exception {
        String extinto = "no-extinto-" + UUID.randomUUID().toString().substring(0, 8);
        // the node wrote two entries that were sealed, then three more, and was switched off for good
        // before sealing them
        List<UUID> seladas = gravarNaCadeia(extinto, 2, Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(selador.selar().falhas()).isZero();
        List<UUID> orfas = gravarNaCadeia(extinto, 3, Instant.parse("2026-11-27T09:30:00Z"));
        assertThat(entradas.countByCadeiaAndPosicaoIsNull(extinto)).isEqualTo(3);

        // this node ("no-teste") seals them, after the two it had
        assertThat(selador.selar().falhas()).isZero();
        List<UUID> naOrdem = new ArrayList<>(seladas);
        naOrdem.addAll(orfas);
        for (int i = 0; i < naOrdem.size(); i++) {
            assertThat(sql.queryForObject(
                            "SELECT posicao FROM trilha_auditoria WHERE id = ?",
                            Long.class,
                            naOrdem.get(i).toString()))
                    .isEqualTo(i + 1L);
        }
        assertThat(cabecas.findById(extinto))
                .get()
                .extracting(CabecaDaTrilha::posicao)
                .isEqualTo(5L);
        Map<String, Object> cadeia = cadeia(verificacao(), extinto);
        assertThat(cadeia.get("integra")).isEqualTo(true);
        assertThat(((Number) cadeia.get("entradas")).longValue()).isEqualTo(5);
        assertThat(((Number) cadeia.get("nao_seladas")).longValue()).isZero();
    }

    @Test
    void anEntryForgedAtTheNextPositionIsABreakAndKeepsTheChainsNewEntriesUnsealedAndCounted() throws Exception {
        String no = "no-forjado-" + UUID.randomUUID().toString().substring(0, 8);
        gravarNaCadeia(no, 2, Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(selador.selar().falhas()).isZero();
        Map<String, Object> ultima =
                sql.queryForMap("SELECT * FROM trilha_auditoria WHERE cadeia = ? AND posicao = 2", no);
        List<String> colunas = new ArrayList<>(ultima.keySet());
        Map<String, Object> forjada = new java.util.LinkedHashMap<>(ultima);
        forjada.put("id", UUID.randomUUID().toString());
        forjada.put("posicao", 3);
        forjada.put("hash_anterior", ultima.get("hash"));
        sql.update(
                "INSERT INTO trilha_auditoria (" + String.join(", ", colunas) + ") VALUES ("
                        + String.join(", ", colunas.stream().map(c -> "?").toList()) + ")",
                colunas.stream().map(forjada::get).toArray());
        // a genuine entry written after it: its position is taken
        gravarNaCadeia(no, 1, Instant.parse("2026-11-27T10:05:00Z"));
        try {
            Map<String, Object> cadeia = cadeia(verificacao(), no);
            assertThat(cadeia.get("integra")).isEqualTo(false);
            Map<?, ?> quebra = (Map<?, ?>) cadeia.get("quebra");
            assertThat(((Number) quebra.get("posicao")).longValue()).isEqualTo(3);
            assertThat(quebra.get("entrada_id")).isEqualTo(forjada.get("id"));
            assertThat((String) quebra.get("motivo")).contains("além da cabeça");
            assertThat(((Number) cadeia.get("nao_seladas")).longValue()).isEqualTo(1);
        } finally {
            sql.update("DELETE FROM trilha_auditoria WHERE id = ?", forjada.get("id"));
        }
        // the forged row gone, the genuine entry is sealed at 3
        Map<String, Object> cadeia = cadeia(verificacao(), no);
        assertThat(cadeia.get("integra")).isEqualTo(true);
        assertThat(((Number) cadeia.get("entradas")).longValue()).isEqualTo(3);
        assertThat(((Number) cadeia.get("nao_seladas")).longValue()).isZero();
    }

    @Test
    void twoWriteTransactionsOfOneNodeDoNotWaitForEachOther() throws Exception {
        // SQLite has one writer (and this service one connection to it): there the equivalent is that a
        // write leaves the chain's head alone (writesLeaveTheirEntryUnsealedAndTheHeadAlone)
        assumeTrue(TestDatabase.isPostgres(), "PostgreSQL only: SQLite serialises every write transaction");
        CountDownLatch inserida = new CountDownLatch(1);
        CountDownLatch liberar = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the first write applies its change and its audit entry, then stays open
            Future<?> aberta = pool.submit(() -> transactions.executeWithoutResult(status -> {
                assertThat(gateway.applyNow(operations.as("aberta").create("unidade", unidade("A"))))
                        .isInstanceOf(WriteResult.Applied.class);
                inserida.countDown();
                try {
                    assertThat(liberar.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(inserida.await(30, TimeUnit.SECONDS)).isTrue();

            // meanwhile a second write of the same node commits: it waits for nobody
            Future<WriteResult> segunda =
                    pool.submit(() -> gateway.submit(operations.as("segunda").create("unidade", unidade("B"))));
            WriteResult resultado;
            try {
                resultado = segunda.get(15, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the second write waited for the first one's transaction", e);
            }
            assertThat(resultado).isInstanceOf(WriteResult.Applied.class);
            assertThat(aberta.isDone()).isFalse();
            assertThat(sql.queryForObject(
                            "SELECT count(*) FROM trilha_auditoria WHERE usuario = 'segunda'", Integer.class))
                    .isEqualTo(1);

            liberar.countDown();
            aberta.get(30, TimeUnit.SECONDS);
        } finally {
            liberar.countDown();
            pool.shutdown();
        }
        assertThat(consultar("usuario=aberta")).hasSize(1);
        assertThat(verificacao().get("integra")).isEqualTo(true);
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

    private static EventoDeAuditoria evento(String usuario, String no) {
        return new EventoDeAuditoria(
                null, usuario, no, null, CLOCK.instant(), Acao.LER, null, "teste", null, null, Resultado.SUCESSO, null);
    }

    /** Entries written by node {@code no} in its chain, unsealed, one millisecond apart from {@code desde}. */
    private List<UUID> gravarNaCadeia(String no, int quantas, Instant desde) {
        List<UUID> ids = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < quantas; i++) {
                UUID id = UUID.randomUUID();
                entradas.save(new EntradaDaTrilha(id, no, desde.plusMillis(i), evento("antigo", no)));
                ids.add(id);
            }
        });
        return ids;
    }

    private static Map<String, Object> unidade(String prefixo) {
        return Map.of("codigo", Ids.codigo(prefixo), "nome", "Ala Norte", "tipo", "ALA", "aceita_internacao", true);
    }

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
