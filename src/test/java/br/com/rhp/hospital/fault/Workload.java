package br.com.rhp.hospital.fault;

import static org.awaitility.Awaitility.await;

import br.com.rhp.hospital.fault.Api.Reply;
import br.com.rhp.hospital.support.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent clients, each bound to one node, each telling stories that touch every entity in causal
 * order: a unit, two beds in it, a professional, a patient, successive updates of the patient (each
 * with the {@code If-Match} the previous answer implies), the admission into the first bed, a transfer
 * to the second, the discharge. A story stops at the first write that was not acknowledged, since what
 * follows depends on it. Every write and its answer go to the {@link #history()}.
 */
final class Workload {

    /** What a write creates or changes, and the column of its table that holds the write's unique marker. */
    enum Kind {
        UNIDADE("unidade", "codigo"),
        LEITO("leito", "codigo"),
        PROFISSIONAL("profissional", "cpf"),
        PACIENTE("paciente", "cpf"),
        PACIENTE_UPDATE("paciente", "complemento"),
        INTERNACAO("atendimento", "paciente_id"),
        TRANSFERENCIA("transferencia", "observacao"),
        ALTA("alta", "observacao");

        final String table;
        final String column;

        Kind(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    /**
     * One write and its answer. {@code marker} is a value only this write puts in the database; for an
     * update, {@code subject} is the patient's id.
     */
    record Op(
            long seq,
            String node,
            Kind kind,
            String marker,
            String subject,
            int status,
            String entityId,
            String operationId,
            String body) {

        Reply reply() {
            return new Reply(status, null, null, body);
        }
    }

    private final List<Api> clients;
    private final long seed;
    private final Queue<Op> history = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    Workload(List<Api> clients, long seed) {
        this.clients = clients;
        this.seed = seed;
    }

    Queue<Op> history() {
        return history;
    }

    /** Writes answered so far (any answer, or none). */
    long completed() {
        return history.size();
    }

    void start() {
        for (int i = 0; i < clients.size(); i++) {
            int index = i;
            Api api = clients.get(i);
            Thread t = new Thread(() -> run(index, api, new Random(seed * 31 + index)), "client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops the clients after the write each is sending. */
    void stop() throws InterruptedException {
        stopping.set(true);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(60).toMillis());
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop");
            }
        }
    }

    private void run(int client, Api api, Random random) {
        int story = 0;
        while (!stopping.get()) {
            if (!api.node().isUp()) {
                await().atMost(Duration.ofMinutes(3)).until(() -> api.node().isUp() || stopping.get());
                continue;
            }
            story(client, ++story, api, random);
        }
    }

    private void story(int client, int story, Api api, Random random) {
        String tag = client + "-" + story;
        String unidade = create(api, Kind.UNIDADE, "U" + tag, null, "/api/unidades", """
                {"codigo": "U%s", "nome": "Enfermaria da Falha", "tipo": "ENFERMARIA", "aceita_internacao": true}
                """.formatted(tag));
        if (unidade == null) {
            return;
        }
        String leito1 = create(api, Kind.LEITO, "L" + tag + "a", null, "/api/leitos", leito(unidade, "L" + tag + "a"));
        if (leito1 == null) {
            return;
        }
        String leito2 = create(api, Kind.LEITO, "L" + tag + "b", null, "/api/leitos", leito(unidade, "L" + tag + "b"));
        if (leito2 == null) {
            return;
        }
        String cpfProfissional = Ids.cpf();
        String profissional = create(api, Kind.PROFISSIONAL, cpfProfissional, null, "/api/profissionais", """
                {"nome": "Maria das Dores", "cpf": "%s", "conselho": "CRM", "conselho_uf": "PE",
                 "conselho_numero": "%s", "cbo": "225125"}
                """.formatted(
                        cpfProfissional, Ids.codigo("n").substring(2)));
        if (profissional == null) {
            return;
        }
        String cpf = Ids.cpf();
        Reply[] last = new Reply[1];
        String paciente = create(api, Kind.PACIENTE, cpf, null, "/api/pacientes", """
                {"nome": "João da Conceição", "cpf": "%s", "data_nascimento": "1971-03-12", "sexo": "M"}
                """.formatted(cpf), last);
        if (paciente == null) {
            return;
        }
        long versao = last[0].status() == 201 ? version(last[0].etag()) : 0;
        int updates = random.nextInt(4);
        for (int i = 0; i < updates; i++) {
            String marker = "apto " + tag + "-" + i;
            Reply reply = api.patch(
                    "/api/pacientes/" + paciente, "\"" + versao + "\"", "{\"complemento\": \"" + marker + "\"}");
            record(api, Kind.PACIENTE_UPDATE, marker, paciente, reply);
            if (!reply.acknowledged()) {
                return;
            }
            // applied now: the answer says the version; staged: it will be the next one when applied
            versao = reply.status() == 200 ? version(reply.etag()) : versao + 1;
        }
        String atendimento = create(api, Kind.INTERNACAO, paciente, null, "/api/atendimentos", """
                {"paciente_id": "%s", "tipo": "INTERNACAO", "carater": "URGENCIA", "procedencia": "DEMANDA_ESPONTANEA",
                 "leito_id": "%s", "financiamento": "SUS", "profissional_responsavel_id": "%s"}
                """.formatted(
                        paciente, leito1, profissional));
        if (atendimento == null) {
            return;
        }
        String transferencia = create(api, Kind.TRANSFERENCIA, "T" + tag, null, "/api/transferencias", """
                {"atendimento_id": "%s", "leito_origem_id": "%s", "leito_destino_id": "%s",
                 "motivo": "MUDANCA_NIVEL_CUIDADO", "observacao": "T%s"}
                """.formatted(
                        atendimento, leito1, leito2, tag));
        if (transferencia == null || random.nextInt(4) == 0) {
            return; // some patients stay admitted
        }
        create(api, Kind.ALTA, "A" + tag, null, "/api/altas", """
                {"atendimento_id": "%s", "motivo": "ALTA_MELHORADO", "cid_principal": "J18.9", "observacao": "A%s"}
                """.formatted(atendimento, tag));
    }

    private static String leito(String unidade, String codigo) {
        return """
                {"unidade_id": "%s", "codigo": "%s", "tipo": "CLINICO", "acomodacao": "ENFERMARIA"}
                """.formatted(unidade, codigo);
    }

    private String create(Api api, Kind kind, String marker, String subject, String path, String json) {
        return create(api, kind, marker, subject, path, json, new Reply[1]);
    }

    private String create(Api api, Kind kind, String marker, String subject, String path, String json, Reply[] out) {
        Reply reply = api.post(path, json);
        out[0] = reply;
        Op op = record(api, kind, marker, subject, reply);
        return reply.acknowledged() ? op.entityId() : null;
    }

    private Op record(Api api, Kind kind, String marker, String subject, Reply reply) {
        String entityId = null;
        String operationId = null;
        if (reply.acknowledged()) {
            entityId = reply.entityId();
            operationId = reply.operationId();
        }
        Op op = new Op(
                sequence.incrementAndGet(),
                api.node().name(),
                kind,
                marker,
                subject,
                reply.status(),
                entityId,
                operationId,
                reply.acknowledged() ? null : abbreviate(reply.body()));
        history.add(op);
        return op;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300);
    }

    private static long version(String etag) {
        if (etag == null) {
            throw new IllegalStateException("no ETag in an answer that applied the write");
        }
        return Long.parseLong(etag.replace("W/", "").replace("\"", ""));
    }
}
