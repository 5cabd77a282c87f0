package br.com.rhp.hospital.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.HospitalApplication;
import br.com.rhp.hospital.atendimento.AtendimentoForm;
import br.com.rhp.hospital.atendimento.Carater;
import br.com.rhp.hospital.atendimento.Financiamento;
import br.com.rhp.hospital.atendimento.Procedencia;
import br.com.rhp.hospital.atendimento.TipoAtendimento;
import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.staging.Area;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.OutageTest;
import br.com.rhp.hospital.support.TcpProxy;
import br.com.rhp.hospital.support.TestDatabase;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResult;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No form is lost when the database is down: writes are staged durably and answered 202 at once, and
 * the replay puts each in the database exactly once, in the order the node accepted them. The database
 * is real PostgreSQL behind a proxy this test cuts and restores. Replays are started by hand here
 * (REPLAY_ON_RECOVERY=false) so each test decides when they happen.
 */
@OutageTest
@TestPropertySource(properties = "REPLAY_ON_RECOVERY=false")
class OutageIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TcpProxy proxy;

    @Autowired
    TestDatabase.Database database;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    StagingStore staging;

    @Autowired
    Replayer replayer;

    @Autowired
    JsonMapper json;

    @AfterEach
    void restaura() {
        restaurar();
    }

    @Test
    void stagesAWriteWhenTheDatabaseRefusesConnectionsAndReplaysItOnce() throws Exception {
        proxy.refuse();
        long inicio = System.nanoTime();
        MvcResult result = post("/api/pacientes", paciente("Conceição Araújo", Ids.cpf()))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/staging/operations/")))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.entity").value("paciente"))
                .andExpect(jsonPath("$.action").value("create"))
                .andReturn();
        assertThat(Duration.ofNanos(System.nanoTime() - inicio)).isLessThan(Duration.ofSeconds(1));
        String operacao = campo(result, "$.operation_id");
        String paciente = campo(result, "$.entity_id");

        assertThat(staging.files(Area.PENDING))
                .anySatisfy(
                        f -> assertThat(f.relativePath()).matches("create/paciente/\\d{4}/\\d{2}/\\d{2}/.+\\.json"));
        recibo(operacao).andExpect(jsonPath("$.status").value("PENDING"));
        mvc.perform(get("/api/pacientes/" + paciente).with(Hospital.ADMIN))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.regra").value("BancoIndisponivel"));

        restaurar();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.aplicadas()).isGreaterThanOrEqualTo(1);
        recibo(operacao).andExpect(jsonPath("$.status").value("APPLIED"));
        mvc.perform(get("/api/pacientes/" + paciente).with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nome").value("Conceição Araújo"));
        assertThat(linhas("SELECT COUNT(*) FROM applied_operations WHERE operation_id = ?", operacao))
                .isEqualTo(1);
        assertThat(replayer.run("teste").aplicadas())
                .as("a second replay applies nothing")
                .isZero();
    }

    @Test
    void stagesWithinASecondWhenTheDatabaseNeverAnswersAndInMillisecondsOnceTheCircuitIsOpen() throws Exception {
        proxy.blackhole();
        long inicio = System.nanoTime();
        post("/api/pacientes", paciente("João Gonçalves", Ids.cpf())).andExpect(status().isAccepted());
        assertThat(Duration.ofNanos(System.nanoTime() - inicio)).isLessThan(Duration.ofSeconds(1));
        assertThat(circuit.isOpen()).isTrue();

        long segunda = System.nanoTime();
        post("/api/pacientes", paciente("Antônio Luíza Jéssica", Ids.cpf())).andExpect(status().isAccepted());
        assertThat(Duration.ofNanos(System.nanoTime() - segunda)).isLessThan(Duration.ofMillis(200));

        restaurar();
        replayer.run("teste");
        assertThat(staging.stats().pending()).isZero();
        assertThat(linhas("SELECT COUNT(*) FROM paciente WHERE nome = ?", "João Gonçalves"))
                .isEqualTo(1);
    }

    @Test
    void replaysAChainCreatedEntirelyOfflineInTheOrderItWasAccepted() throws Exception {
        proxy.refuse();
        String unidade = entidade(post("/api/unidades", """
                {"codigo": "%s", "nome": "Enfermaria Offline", "tipo": "ENFERMARIA", "aceita_internacao": true}
                """.formatted(Ids.codigo("OFF"))));
        String leito1 = entidade(post("/api/leitos", leito(unidade)));
        String leito2 = entidade(post("/api/leitos", leito(unidade)));
        String paciente = entidade(post("/api/pacientes", paciente("Maria da Conceição", Ids.cpf())));
        String atendimento = entidade(post("/api/atendimentos", Hospital.internacao(paciente, leito1)));
        post("/api/transferencias", """
                        {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "ISOLAMENTO"}
                        """.formatted(atendimento, leito1, leito2)).andExpect(status().isAccepted());
        post("/api/altas", """
                        {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "A09"}
                        """.formatted(atendimento)).andExpect(status().isAccepted());

        restaurar();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.quarentena()).isZero();
        assertThat(replay.conflitos()).isZero();
        // an attempt abandoned at the deadline may have committed after the restore: then the ledger
        // has it and the replay counts it as already applied, never twice
        assertThat(replay.aplicadas() + replay.jaAplicadas()).isEqualTo(7);
        assertThat(staging.stats().pending()).isZero();
        new Hospital(mvc)
                .get("/api/atendimentos/" + atendimento)
                .andExpect(jsonPath("$.status").value("FINALIZADO"));
        new Hospital(mvc)
                .get("/api/leitos/" + leito2)
                .andExpect(jsonPath("$.status").value("HIGIENIZACAO"));
        new Hospital(mvc)
                .get("/api/atendimentos/" + atendimento + "/leitos")
                .andExpect(jsonPath("$.length()").value(2));
    }

    @Test
    void anOfflineUpdateCarriesItsBaseVersionAndALaterLiveWriteWaitsBehindIt() throws Exception {
        String paciente = new Hospital(mvc).paciente();
        proxy.refuse();
        MvcResult staged = mvc.perform(patch("/api/pacientes/" + paciente)
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"nome_social\": \"Joana\"}"))
                .andExpect(status().isAccepted())
                .andReturn();
        JsonNode arquivo =
                json.readTree(Files.readString(arquivo(campo(staged, "$.operation_id")), StandardCharsets.UTF_8));
        assertThat(arquivo.get("base_version").asLong()).isZero();
        assertThat(arquivo.get("entity_id").asString()).isEqualTo(paciente);
        assertThat(arquivo.get("action").asString()).isEqualTo("update");

        restaurar();
        // the database is back but the staged update is not applied yet: a new write on the same patient
        // must not overtake it
        mvc.perform(patch("/api/pacientes/" + paciente)
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"1\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"telefone\": \"81999998888\"}"))
                .andExpect(status().isAccepted());
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.aplicadas()).isEqualTo(2);
        new Hospital(mvc)
                .get("/api/pacientes/" + paciente)
                .andExpect(jsonPath("$.versao").value(2))
                .andExpect(jsonPath("$.nome_social").value("Joana"))
                .andExpect(jsonPath("$.telefone").value("81999998888"));
    }

    @Test
    void aStaleOfflineUpdateGoesToTheConflictQueueNotOverTheNewerData() throws Exception {
        String paciente = new Hospital(mvc).paciente();
        proxy.refuse();
        MvcResult staged = mvc.perform(patch("/api/pacientes/" + paciente)
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content("{\"nome_social\": \"Versão do nó offline\"}"))
                .andExpect(status().isAccepted())
                .andReturn();
        // meanwhile another node changed the same patient in the central database
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE paciente SET nome_social = 'Versão do outro nó', versao = versao + 1 WHERE id = ?")) {
            s.setString(1, paciente);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        restaurar();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.conflitos()).isEqualTo(1);
        recibo(campo(staged, "$.operation_id"))
                .andExpect(jsonPath("$.status").value("CONFLICT"))
                .andExpect(jsonPath("$.motivo").value(org.hamcrest.Matchers.startsWith("VersaoDivergente")));
        new Hospital(mvc)
                .get("/api/pacientes/" + paciente)
                .andExpect(jsonPath("$.nome_social").value("Versão do outro nó"));
    }

    @Test
    void quarantinesATruncatedFileAndAnUnknownFormatWhileTheRestReplays() throws Exception {
        proxy.refuse();
        String bom = campo(
                post("/api/pacientes", paciente("Luíza Helena Souza", Ids.cpf()))
                        .andReturn(),
                "$.operation_id");
        String truncado = campo(
                post("/api/pacientes", paciente("Pedro Álvares Lima", Ids.cpf()))
                        .andReturn(),
                "$.operation_id");
        String versaoDesconhecida = campo(
                post("/api/pacientes", paciente("Inês de Castro", Ids.cpf())).andReturn(), "$.operation_id");
        Path arquivoTruncado = arquivo(truncado);
        byte[] conteudo = Files.readAllBytes(arquivoTruncado);
        Files.write(arquivoTruncado, java.util.Arrays.copyOf(conteudo, conteudo.length / 2));
        Path arquivoVersao = arquivo(versaoDesconhecida);
        Files.writeString(
                arquivoVersao,
                Files.readString(arquivoVersao, StandardCharsets.UTF_8)
                        .replaceFirst("\"format_version\"\\s*:\\s*\\d+", "\"format_version\" : 99"),
                StandardCharsets.UTF_8);

        restaurar();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.quarentena()).isEqualTo(2);
        recibo(bom).andExpect(jsonPath("$.status").value("APPLIED"));
        recibo(truncado).andExpect(jsonPath("$.status").value("QUARANTINED"));
        recibo(versaoDesconhecida).andExpect(jsonPath("$.status").value("QUARANTINED"));
        assertThat(linhas("SELECT COUNT(*) FROM paciente WHERE nome = ?", "Luíza Helena Souza"))
                .isEqualTo(1);
    }

    @Test
    void aCrashBetweenTheCommitAndTheFileDeletionReplaysAsANoOp() throws Exception {
        // the circuit open without a live attempt: nothing but this test applies the operation
        circuit.recordUnavailable();
        String operacao = campo(
                post("/api/pacientes", paciente("Benedita Conceição", Ids.cpf()))
                        .andReturn(),
                "$.operation_id");
        restaurar();
        // the database got the operation (as if the replay committed and the node died before deleting
        // the file): apply it straight from its staged record
        var entry = staging.find(UUID.fromString(operacao)).orElseThrow();
        var record = ((br.com.rhp.hospital.staging.StagedEntry.Readable) entry).record();
        assertThat(gateway.applyNow(Replayer.toOperation(record))).isInstanceOf(WriteResult.Applied.class);

        ReplayResult replay = replayer.run("teste");
        assertThat(replay.jaAplicadas()).isEqualTo(1);
        assertThat(replay.aplicadas()).isZero();
        assertThat(staging.stats().pending()).isZero();
        assertThat(linhas("SELECT COUNT(*) FROM paciente WHERE nome = ?", "Benedita Conceição"))
                .isEqualTo(1);
    }

    @Test
    void aReplayRacingNewStagedWritesLosesAndDoublesNothing() throws Exception {
        List<String> pacientes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pacientes.add(new Hospital(mvc).paciente());
        }
        proxy.refuse();
        for (String p : pacientes) {
            patchNomeSocial(p, 0, "Primeira").andExpect(status().isAccepted());
        }
        restaurar();
        CompletableFuture<ReplayResult> replay = CompletableFuture.supplyAsync(() -> replayer.run("teste"));
        // new writes on the same patients arrive while the replay runs: they are staged behind (202) or,
        // once the replay applied the first, go live (200); either way exactly once
        for (String p : pacientes) {
            int codigo =
                    patchNomeSocial(p, 1, "Segunda").andReturn().getResponse().getStatus();
            assertThat(codigo).isIn(200, 202);
        }
        replay.get();
        replayer.run("teste");
        assertThat(staging.stats().pending()).isZero();
        for (String p : pacientes) {
            new Hospital(mvc)
                    .get("/api/pacientes/" + p)
                    .andExpect(jsonPath("$.versao").value(2))
                    .andExpect(jsonPath("$.nome_social").value("Segunda"));
        }
    }

    @Test
    void overlappingReplayRunsNeverApplyAnOperationTwice() throws Exception {
        proxy.refuse();
        List<String> operacoes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            operacoes.add(campo(
                    post("/api/pacientes", paciente("Paciente Concorrente", Ids.cpf()))
                            .andReturn(),
                    "$.operation_id"));
        }
        restaurar();
        CompletableFuture<ReplayResult> cron = CompletableFuture.supplyAsync(() -> replayer.run("cron"));
        ReplayResult manual = replayer.run("manual");
        ReplayResult outro = cron.get();
        assertThat(List.of(manual.resultado(), outro.resultado())).contains(ReplayResult.Resultado.CONCLUIDA);
        replayer.run("teste");
        for (String operacao : operacoes) {
            assertThat(linhas("SELECT COUNT(*) FROM applied_operations WHERE operation_id = ?", operacao))
                    .isEqualTo(1);
        }
        assertThat(staging.stats().pending()).isZero();
    }

    @Test
    void twoNodesAdmittingIntoOneBedOfflineLeaveTheLaterInTheConflictQueue() throws Exception {
        Hospital h = new Hospital(mvc);
        String unidade = h.unidade();
        String leito = h.leito(unidade);
        String paciente1 = h.paciente();
        String paciente2 = h.paciente();
        // node 2: another application on the same database, through its own network path
        try (TcpProxy proxy2 = new TcpProxy(database.port());
                ConfigurableApplicationContext no2 = segundoNo(proxy2)) {
            proxy.refuse();
            proxy2.refuse();
            String operacao1 = campo(
                    post("/api/atendimentos", Hospital.internacao(paciente1, leito))
                            .andExpect(status().isAccepted())
                            .andReturn(),
                    "$.operation_id");
            WriteResult staged2 = no2.getBean(WriteGateway.class)
                    .submit(no2.getBean(Operations.class)
                            .as("enfermeira.no2")
                            .create(
                                    "atendimento",
                                    new AtendimentoForm(
                                            UUID.fromString(paciente2),
                                            TipoAtendimento.INTERNACAO,
                                            Carater.URGENCIA,
                                            Procedencia.DEMANDA_ESPONTANEA,
                                            null,
                                            null,
                                            UUID.fromString(leito),
                                            null,
                                            Financiamento.SUS,
                                            null,
                                            null,
                                            null)));
            assertThat(staged2).isInstanceOf(WriteResult.Staged.class);

            // node 2 reaches the database first and replays: its patient gets the bed
            proxy2.forward();
            DatabaseCircuit circuito2 = no2.getBean(DatabaseCircuit.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> !circuito2.isOpen());
            ReplayResult replay2 = no2.getBean(Replayer.class).run("teste");
            // applied by the replay, or by node 2's own attempt abandoned at the deadline: once either way
            assertThat(replay2.aplicadas() + replay2.jaAplicadas()).isEqualTo(1);

            // node 1 replays later: the bed is taken, its admission waits for a person in the conflict queue
            restaurar();
            ReplayResult replay = replayer.run("teste");
            assertThat(replay.conflitos()).isEqualTo(1);
            recibo(operacao1)
                    .andExpect(jsonPath("$.status").value("CONFLICT"))
                    .andExpect(jsonPath("$.motivo").value(org.hamcrest.Matchers.startsWith("LeitoOcupado")));
            h.get("/api/leitos/" + leito + "/ocupacao")
                    .andExpect(jsonPath("$.ocupacao.paciente_id").value(paciente2));
            assertThat(linhas("SELECT COUNT(*) FROM ocupacao WHERE leito_id = ? AND fim IS NULL", leito))
                    .isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext segundoNo(TcpProxy proxy2) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + proxy2.port() + "/" + database.name());
        props.put("DATABASE_USERNAME", database.username());
        props.put("DATABASE_PASSWORD", database.password());
        props.put("NODE_ID", "no-2");
        props.put(
                "STAGING_AREA_PATH",
                Files.createTempDirectory("hospital-staging-no2-").toString());
        props.put("IS_ABSOLUTE_STAGING_AREA_PATH", "true");
        props.put("SERVER_PORT", "0");
        props.put("CRONTAB", "off");
        props.put("REPLAY_ON_RECOVERY", "false");
        props.put("DATABASE_CONNECT_TIMEOUT_SECONDS", "1");
        props.put("DATABASE_SOCKET_TIMEOUT_SECONDS", "2");
        props.put("DATABASE_CONNECT_TIMEOUT_MS", "1000");
        props.put("DATABASE_RETRY_INTERVAL", "PT1S");
        props.put("DATABASE_PROBE_INTERVAL", "PT0.5S");
        props.put("DATABASE_WRITE_TIMEOUT", "PT0.5S");
        props.put("DATABASE_POOL_SIZE", "2");
        return new SpringApplicationBuilder(HospitalApplication.class)
                .properties(props)
                .run();
    }

    @Autowired
    WriteGateway gateway;

    @Autowired
    Operations operations;

    // ------------------------------------------------------------------ helpers

    private void restaurar() {
        proxy.forward();
        await().atMost(Duration.ofSeconds(30)).until(() -> !circuit.isOpen());
    }

    private org.springframework.test.web.servlet.ResultActions post(String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .with(Hospital.ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private org.springframework.test.web.servlet.ResultActions patchNomeSocial(
            String paciente, long versao, String nome) throws Exception {
        return mvc.perform(patch("/api/pacientes/" + paciente)
                .with(Hospital.ADMIN)
                .header("If-Match", "\"" + versao + "\"")
                .contentType("application/merge-patch+json")
                .content("{\"nome_social\": \"" + nome + "\"}"));
    }

    private org.springframework.test.web.servlet.ResultActions recibo(String operacao) throws Exception {
        return mvc.perform(get("/api/staging/operations/" + operacao).with(Hospital.ADMIN))
                .andExpect(status().isOk());
    }

    private String entidade(org.springframework.test.web.servlet.ResultActions resposta) throws Exception {
        return campo(resposta.andExpect(status().isAccepted()).andReturn(), "$.entity_id");
    }

    private static String campo(MvcResult result, String path) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), path);
    }

    private Path arquivo(String operacao) {
        var file = staging.find(UUID.fromString(operacao)).orElseThrow().file();
        return staging.root().resolve(file.relativePath());
    }

    private long linhas(String sql, String parametro) throws Exception {
        try (Connection c = database.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parametro);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String paciente(String nome, String cpf) {
        return """
                {"nome": "%s", "cpf": "%s", "data_nascimento": "1980-01-02", "sexo": "F"}
                """.formatted(nome, cpf);
    }

    private static String leito(String unidade) {
        return """
                {"unidade_id": "%s", "codigo": "%s", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                """.formatted(unidade, Ids.codigo("L"));
    }
}
