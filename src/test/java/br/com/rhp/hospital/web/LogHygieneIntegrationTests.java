package br.com.rhp.hospital.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.replay.ReplayResult;
import br.com.rhp.hospital.replay.Replayer;
import br.com.rhp.hospital.shared.TextoDeBusca;
import br.com.rhp.hospital.support.Hospital;
import br.com.rhp.hospital.support.Ids;
import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.support.TestDatabase;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.jayway.jsonpath.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * LGPD: the logs of a whole working day — registrations, admission, transfer, discharge, refused forms,
 * searches, a database race, an outage with staged writes and their replay, one of them in conflict —
 * hold no CPF, CNS, name, mother's name, telephone, address or request body. Every event the
 * application emits is captured (this application's own loggers at TRACE, the rest at their configured
 * level) and searched, message, arguments, MDC and exception text, for the exact values sent.
 */
@IntegrationTest
@TestPropertySource(
        properties = {"DATABASE_PROBE_INTERVAL=PT1H", "DATABASE_RETRY_INTERVAL=PT1H", "REPLAY_ON_RECOVERY=false"})
class LogHygieneIntegrationTests {

    private static final String APP_LOGGERS = "br.com.rhp.hospital";

    @Autowired
    MockMvc mvc;

    @Autowired
    DatabaseCircuit circuit;

    @Autowired
    Replayer replayer;

    @Autowired
    DataSource dataSource;

    private final ListAppender<ILoggingEvent> capturados = new ListAppender<>();
    private final Logger raiz = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger aplicacao = (Logger) LoggerFactory.getLogger(APP_LOGGERS);
    private Level nivelAnterior;

    /** Each value sent that must never be logged, by what it is. */
    private final Map<String, String> sensiveis = new LinkedHashMap<>();

    private Hospital h;

    @BeforeEach
    void capturaOsLogs() {
        capturados.start();
        raiz.addAppender(capturados);
        nivelAnterior = aplicacao.getLevel();
        // stricter than production: the application's own debug and trace lines must be clean too
        aplicacao.setLevel(Level.TRACE);
        h = new Hospital(mvc);
    }

    @AfterEach
    void soltaOsLogs() {
        circuit.recordSuccess();
        replayer.run("teste");
        aplicacao.setLevel(nivelAnterior);
        raiz.detachAppender(capturados);
        capturados.stop();
    }

    @Test
    void aWholeDayIncludingAnOutageLogsNoPersonalDataNorPayload() throws Exception {
        String unidade = h.unidade();
        String leito = h.leito(unidade);
        String outroLeito = h.leito(unidade);
        String leitoOffline = h.leito(unidade);

        // registrations
        Pessoa maria = pessoa("Maria José da Conceição", "Josefa Araújo de Lima");
        String corpoMaria = paciente(maria);
        String pacienteMaria = criado(h.post("/api/pacientes", corpoMaria));
        Pessoa medico = pessoa("Antônio Gonçalves Brandão", null);
        String corpoMedico = profissional(medico, unidade);
        String profissional = criado(h.post("/api/profissionais", corpoMedico));

        // admission, transfer, discharge
        String atendimento = criado(h.post("/api/atendimentos", """
                {"paciente_id": "%s", "tipo": "INTERNACAO", "carater": "URGENCIA", "procedencia": "DEMANDA_ESPONTANEA",
                 "leito_id": "%s", "profissional_responsavel_id": "%s", "financiamento": "SUS"}
                """.formatted(pacienteMaria, leito, profissional)));
        h.post("/api/transferencias", """
                        {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s", "motivo": "ISOLAMENTO"}
                        """.formatted(atendimento, leito, outroLeito))
                .andExpect(status().isCreated());
        h.post("/api/altas", """
                        {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "J18.9"}
                        """.formatted(atendimento)).andExpect(status().isCreated());

        // a correction: new telephone
        Pessoa corrigida = pessoa("Inês Conceição Ribeiro", null);
        sensivel("telefone corrigido", "81987651234");
        sensivel("telefone corrigido com máscara", "(81) 98765-1234");
        String correcao = "{\"telefone\": \"(81) 98765-1234\", \"nome_social\": \"%s\"}".formatted(corrigida.nome());
        sensivel("corpo do PATCH", correcao);
        mvc.perform(patch("/api/pacientes/" + pacienteMaria)
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content(correcao))
                .andExpect(status().isOk());

        // refused forms: each carries personal data the log must not repeat
        Pessoa recusada = pessoa("Luzia Fagundes Ângelo", "Benedita Fagundes");
        String cpfInvalido = "123.456.789-00";
        sensivel("CPF inválido", cpfInvalido);
        sensivel("CPF inválido sem máscara", "12345678900");
        String corpoCpfInvalido = paciente(recusada).replace(recusada.cpfComMascara(), cpfInvalido);
        sensivel("corpo com CPF inválido", corpoCpfInvalido);
        h.post("/api/pacientes", corpoCpfInvalido)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("cpf"));
        Pessoa duplicada = pessoa("Severina Gomes Tavares", "Damiana Gomes");
        String corpoDuplicado = paciente(duplicada).replace(duplicada.cpfComMascara(), maria.cpfComMascara());
        sensivel("corpo com CPF repetido", corpoDuplicado);
        h.post("/api/pacientes", corpoDuplicado)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.regra").value("CpfJaCadastrado"));
        String corpoCampoDesconhecido = corpoMaria.replace(
                "\"sexo\": \"F\"", "\"sexo\": \"F\", \"apelido\": \"%s\"".formatted(recusada.nome()));
        sensivel("corpo com campo desconhecido", corpoCampoDesconhecido);
        h.post("/api/pacientes", corpoCampoDesconhecido)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.erros[0].campo").value("apelido"));
        String corpoDataInvalida = paciente(recusada).replace("1962-07-15", "15/07/1962");
        sensivel("corpo com data inválida", corpoDataInvalida);
        h.post("/api/pacientes", corpoDataInvalida).andExpect(status().isBadRequest());
        sensivel("JSON malformado", corpoMaria.substring(0, corpoMaria.length() / 2));
        h.post("/api/pacientes", corpoMaria.substring(0, corpoMaria.length() / 2))
                .andExpect(status().isBadRequest());

        // searches by name and by CPF and CNS in the query string
        mvc.perform(get("/api/pacientes").param("nome", maria.sobrenome()).with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens.length()").value(1));
        mvc.perform(get("/api/pacientes").param("cpf", maria.cpfComMascara()).with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens[0].id").value(pacienteMaria));
        mvc.perform(get("/api/pacientes").param("cns", maria.cns()).with(Hospital.ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens[0].id").value(pacienteMaria));
        mvc.perform(get("/api/profissionais").param("nome", medico.sobrenome()).with(Hospital.ADMIN))
                .andExpect(status().isOk());
        mvc.perform(get("/api/pacientes").param("cpf", "529.982.247-2X").with(Hospital.ADMIN));
        sensivel("CPF da busca inválida", "529.982.247-2X");

        if (TestDatabase.isPostgres()) {
            // the central database, not the service, catches this one: its error text quotes the value
            corridaPeloMesmoCpf();
        }

        // the outage: writes are staged, then replayed, one of them into the conflict queue
        circuit.recordUnavailable();
        Pessoa offline = pessoa("Cícero Romão Batista", "Quitéria Batista");
        String corpoOffline = paciente(offline);
        String pacienteOffline = aceito(h.post("/api/pacientes", corpoOffline));
        h.post("/api/atendimentos", Hospital.internacao(pacienteOffline, leitoOffline))
                .andExpect(status().isAccepted());
        Pessoa repetida = pessoa("Josué Amaral Peçanha", "Rosário Amaral");
        String corpoRepetido = paciente(repetida).replace(repetida.cpfComMascara(), maria.cpfComMascara());
        sensivel("corpo offline com CPF repetido", corpoRepetido);
        MvcResult conflitante = h.post("/api/pacientes", corpoRepetido)
                .andExpect(status().isAccepted())
                .andReturn();
        String operacaoConflitante = JsonPath.read(conflitante.getResponse().getContentAsString(), "$.operation_id");
        Pessoa tardia = pessoa("Raimunda Nonata Sá", null);
        String patchDesatualizado = "{\"nome_social\": \"%s\"}".formatted(tardia.nome());
        sensivel("corpo do PATCH desatualizado", patchDesatualizado);
        mvc.perform(patch("/api/pacientes/" + pacienteMaria)
                        .with(Hospital.ADMIN)
                        .header("If-Match", "\"0\"")
                        .contentType("application/merge-patch+json")
                        .content(patchDesatualizado))
                .andExpect(status().isAccepted());
        mvc.perform(get("/api/pacientes/" + pacienteMaria).with(Hospital.ADMIN))
                .andExpect(status().isServiceUnavailable());

        circuit.recordSuccess();
        ReplayResult replay = replayer.run("teste");
        assertThat(replay.aplicadas()).isGreaterThanOrEqualTo(2);
        assertThat(replay.conflitos() + replay.quarentena()).isGreaterThanOrEqualTo(2);
        mvc.perform(get("/api/pacientes/" + pacienteOffline).with(Hospital.ADMIN))
                .andExpect(status().isOk());
        // an administrator looks at the held form, sends it back to the queue and finally discards it
        mvc.perform(get("/api/staging/operations/" + operacaoConflitante + "/conteudo")
                        .with(Hospital.ADMIN))
                .andExpect(status().isOk());
        mvc.perform(post("/api/staging/operations/" + operacaoConflitante + "/retry")
                        .with(Hospital.ADMIN))
                .andExpect(status().isOk());
        replayer.run("teste");
        mvc.perform(post("/api/staging/operations/" + operacaoConflitante + "/discard")
                        .with(Hospital.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"motivo\": \"cadastro repetido do mesmo paciente\"}"))
                .andExpect(status().isOk());

        assertThat(capturados.list)
                .as("the capture works: the outage and the replay were logged")
                .anySatisfy(e -> assertThat(e.getLoggerName()).endsWith("DatabaseCircuit"))
                .anySatisfy(e -> assertThat(e.getLoggerName()).endsWith("Replayer"));
        List<String> vazamentos = new ArrayList<>();
        for (ILoggingEvent evento : List.copyOf(capturados.list)) {
            String texto = texto(evento);
            List<String> achados = new ArrayList<>();
            sensiveis.forEach((oQue, valor) -> {
                if (texto.contains(valor)) {
                    achados.add(oQue);
                }
            });
            if (!achados.isEmpty()) {
                String mensagem = String.valueOf(evento.getFormattedMessage());
                vazamentos.add(achados + " in " + evento.getLevel() + " " + evento.getLoggerName() + ": "
                        + mensagem.substring(0, Math.min(300, mensagem.length())));
            }
        }
        assertThat(vazamentos).as("personal data in the logs").isEmpty();
    }

    /**
     * Another node holds an uncommitted registration with Maria's CPF: this node's check does not see
     * it, its insert waits on the unique index, and fails when the other commits.
     */
    private void corridaPeloMesmoCpf() throws Exception {
        Pessoa corrida = pessoa("Terezinha Queiroz Lins", "Eulália Queiroz");
        String cpf = Ids.cpf();
        sensivel("CPF da corrida", cpf);
        sensivel("CPF da corrida com máscara", mascaraCpf(cpf));
        try (Connection outroNo = dataSource.getConnection()) {
            outroNo.setAutoCommit(false);
            try (PreparedStatement s = outroNo.prepareStatement("""
                    INSERT INTO paciente (id, nome, nome_busca, cpf, nao_identificado, sexo, anulado, versao,
                                          criado_em, criado_por, no_origem, recebido_em)
                    VALUES (?, ?, ?, ?, false, 'F', false, 0, now(), 'outro', 'outro-no', now())""")) {
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, corrida.nome());
                s.setString(3, TextoDeBusca.dobrar(corrida.nome()));
                s.setString(4, cpf);
                s.executeUpdate();
            }
            String corpo = paciente(corrida).replace(corrida.cpfComMascara(), mascaraCpf(cpf));
            sensivel("corpo da corrida", corpo);
            CompletableFuture<ResultActions> resposta = CompletableFuture.supplyAsync(() -> {
                try {
                    return h.post("/api/pacientes", corpo);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> esperandoBloqueio(outroNo));
            outroNo.commit();
            resposta.get()
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.regra").value("CpfJaCadastrado"));
        }
    }

    private boolean esperandoBloqueio(Connection outroNo) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = ?")) {
            s.setString(1, outroNo.getCatalog());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }

    // ------------------------------------------------------------------ test data

    /**
     * A person with a unique made-up surname, so that even a partial name in a log line is caught, and
     * a unique CPF, CNS and telephone.
     */
    private Pessoa pessoa(String nome, String mae) {
        String sobrenome = sobrenome();
        String cpf = Ids.cpf();
        String cns = Ids.cns();
        String telefone =
                "819" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        Pessoa p = new Pessoa(
                nome + " " + sobrenome, sobrenome, mae == null ? null : mae + " " + sobrenome(), cpf, cns, telefone);
        sensivel("nome", p.nome());
        sensivel("sobrenome", p.sobrenome());
        sensivel("nome dobrado para busca", TextoDeBusca.dobrar(p.nome()));
        sensivel("CPF", cpf);
        sensivel("CPF com máscara", p.cpfComMascara());
        sensivel("CNS", cns);
        sensivel("CNS com máscara", cns.replaceFirst("(\\d{3})(\\d{4})(\\d{4})(\\d{4})", "$1 $2 $3 $4"));
        sensivel("telefone", telefone);
        sensivel("telefone com máscara", p.telefoneComMascara());
        if (p.mae() != null) {
            sensivel("nome da mãe", p.mae());
        }
        return p;
    }

    private String paciente(Pessoa p) {
        String logradouro = "Rua " + sobrenome() + " do Bom Jesus";
        String complemento = "Bloco Á " + sobrenome();
        String bairro = "Várzea " + sobrenome();
        sensivel("logradouro", logradouro);
        sensivel("complemento", complemento);
        sensivel("bairro", bairro);
        String corpo = """
                {"nome": "%s", "cpf": "%s", "cns": "%s", "data_nascimento": "1962-07-15", "sexo": "F",
                 "nome_mae": "%s", "raca_cor": "PARDA", "logradouro": "%s", "numero": "1471", "complemento": "%s",
                 "bairro": "%s", "municipio": "Recife", "uf": "PE", "cep": "50670-901", "telefone": "%s"}
                """.formatted(
                p.nome(), p.cpfComMascara(), p.cns(), p.mae(), logradouro, complemento, bairro, p.telefoneComMascara());
        sensivel("corpo do paciente", corpo.strip());
        return corpo;
    }

    private String profissional(Pessoa p, String unidade) {
        String corpo = """
                {"nome": "%s", "cpf": "%s", "cns": "%s", "conselho": "CRM", "conselho_uf": "PE",
                 "conselho_numero": "%s", "cbo": "225125", "unidades": ["%s"]}
                """.formatted(
                        p.nome(), p.cpfComMascara(), p.cns(), Ids.codigo("CRM").replace("-", ""), unidade);
        sensivel("corpo do profissional", corpo.strip());
        return corpo;
    }

    private void sensivel(String oQue, String valor) {
        sensiveis.put(oQue + " '" + valor + "'", valor);
    }

    /** A surname no log line would hold by chance: eight letters drawn at random. */
    private static String sobrenome() {
        StringBuilder s = new StringBuilder("Q");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static String mascaraCpf(String cpf) {
        return cpf.replaceFirst("(\\d{3})(\\d{3})(\\d{3})(\\d{2})", "$1.$2.$3-$4");
    }

    private static String criado(ResultActions resposta) throws Exception {
        MvcResult r = resposta.andExpect(status().isCreated()).andReturn();
        return JsonPath.read(r.getResponse().getContentAsString(), "$.id");
    }

    private static String aceito(ResultActions resposta) throws Exception {
        MvcResult r = resposta.andExpect(status().isAccepted()).andReturn();
        return JsonPath.read(r.getResponse().getContentAsString(), "$.entity_id");
    }

    /** Everything of an event that reaches a log file or console, whatever the layout. */
    private static String texto(ILoggingEvent e) {
        StringBuilder s = new StringBuilder();
        s.append(e.getLoggerName()).append(' ').append(e.getThreadName()).append(' ');
        s.append(e.getMessage()).append(' ').append(e.getFormattedMessage()).append(' ');
        if (e.getArgumentArray() != null) {
            for (Object arg : e.getArgumentArray()) {
                s.append(arg).append(' ');
            }
        }
        s.append(e.getMDCPropertyMap()).append(' ');
        if (e.getKeyValuePairs() != null) {
            s.append(e.getKeyValuePairs()).append(' ');
        }
        excecao(e.getThrowableProxy(), s);
        return s.toString();
    }

    private static void excecao(IThrowableProxy t, StringBuilder s) {
        if (t == null) {
            return;
        }
        s.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
        for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
            s.append(frame.getSTEAsString()).append('\n');
        }
        for (IThrowableProxy suppressed : t.getSuppressed()) {
            excecao(suppressed, s);
        }
        if (t.getCause() != t) {
            excecao(t.getCause(), s);
        }
    }

    private record Pessoa(String nome, String sobrenome, String mae, String cpf, String cns, String telefone) {

        String cpfComMascara() {
            return mascaraCpf(cpf);
        }

        String telefoneComMascara() {
            return "(" + telefone.substring(0, 2) + ") " + telefone.substring(2, 7) + "-" + telefone.substring(7);
        }
    }
}
