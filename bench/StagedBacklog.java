import br.com.rhp.hospital.staging.OperationToStage;
import br.com.rhp.hospital.staging.StagingEncryption;
import br.com.rhp.hospital.staging.StagingSettings;
import br.com.rhp.hospital.staging.StagingStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a realistic backlog of staged operations for bench/run.sh's replay figure, through the
 * project's own {@link StagingStore} (so the files are real staged files: durable, encrypted, in the
 * real format and layout), as a node that was cut off from its database would have staged them.
 *
 * <pre>java -cp &lt;the application's classes and libraries&gt; bench/StagedBacklog.java \
 *     STAGING_ROOT NODE_ID KEY_BASE64 OPERATIONS THREADS IDS_FILE</pre>
 *
 * The backlog: one unit, a pool of beds, then patient stories of 7 operations each — register a
 * patient, correct the patient (merge patch), admit into bed A, transfer to bed B, discharge, and
 * housekeeping releasing beds A and B (status change) so that later stories reuse them. Each thread
 * owns its own beds and stages its stories in order, so every operation's causal predecessors have a
 * lower sequence. The operation ids (one per line) go to IDS_FILE, for the harness's exactly-once check.
 * Prints: {@code operations seconds files_per_s stories beds}.
 */
public class StagedBacklog {

    private static final SecureRandom random = new SecureRandom();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final int STORY = 7;
    private static final int PAIRS_PER_THREAD = 25;
    private static final String USER = "bench";

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: StagedBacklog STAGING_ROOT NODE_ID KEY_BASE64 OPERATIONS THREADS IDS_FILE");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        String node = args[1];
        byte[] key = Base64.getDecoder().decode(args[2].strip());
        int operations = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Path idsFile = Path.of(args[5]);

        StagingStore store = StagingStore.open(
                StagingSettings.of(root), StagingEncryption.of(key, List.of()), node, Clock.systemUTC());
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        AtomicLong clock = new AtomicLong(Instant.now().minusSeconds(2 * 86_400).toEpochMilli());
        long t0 = System.nanoTime();

        // set-up: the unit and every thread's beds
        UUID unidade = uuidV7();
        ObjectNode u = json.createObjectNode();
        u.put("codigo", "BENCH-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT));
        u.put("nome", "Enfermaria do benchmark");
        u.put("tipo", "ENFERMARIA");
        u.put("aceita_internacao", true);
        u.put("ativo", true);
        stage(store, ids, clock, "unidade", OperationToStage.CREATE, "criar", unidade, null, u);
        UUID[][] beds = new UUID[threads][PAIRS_PER_THREAD * 2];
        for (int t = 0; t < threads; t++) {
            for (int b = 0; b < PAIRS_PER_THREAD * 2; b++) {
                beds[t][b] = uuidV7();
                ObjectNode l = json.createObjectNode();
                l.put("unidade_id", unidade.toString());
                l.put("codigo", "T" + t + "-" + b);
                l.put("tipo", "CLINICO");
                l.put("acomodacao", "ENFERMARIA");
                stage(store, ids, clock, "leito", OperationToStage.CREATE, "criar", beds[t][b], null, l);
            }
        }
        int setup = 1 + threads * PAIRS_PER_THREAD * 2;
        int stories = Math.max(threads, (operations - setup) / STORY);
        int perThread = stories / threads;
        stories = perThread * threads;

        List<Thread> workers = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    for (int j = 0; j < perThread; j++) {
                        int pair = j % PAIRS_PER_THREAD;
                        long use = j / PAIRS_PER_THREAD;
                        story(store, ids, clock, beds[thread][2 * pair], beds[thread][2 * pair + 1], use,
                                cpfBase(thread, j));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!errors.isEmpty()) {
            errors.peek().printStackTrace();
            System.exit(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (BufferedWriter out = Files.newBufferedWriter(idsFile)) {
            for (UUID id : ids) {
                out.write(id.toString());
                out.newLine();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d %.1f %.0f %d %d%n",
                ids.size(),
                seconds,
                ids.size() / seconds,
                stories,
                threads * PAIRS_PER_THREAD * 2);
    }

    /** Nine digits no other story (nor the HTTP phases, which stay below 500,000,000) uses. */
    private static long cpfBase(int thread, int j) {
        return 500_000_000L + thread * 10_000_000L + j;
    }

    private static void story(
            StagingStore store,
            ConcurrentLinkedQueue<UUID> ids,
            AtomicLong clock,
            UUID bedA,
            UUID bedB,
            long use,
            long cpfBase)
            throws IOException {
        UUID paciente = uuidV7();
        ObjectNode p = json.createObjectNode();
        p.put("nome", "Maria da Silva Bench");
        p.put("cpf", cpf(cpfBase));
        p.put("nao_identificado", false);
        p.put("data_nascimento", "1970-01-" + String.format(Locale.ROOT, "%02d", 1 + (int) (cpfBase % 28)));
        p.put("sexo", "F");
        p.put("nome_mae", "Josefa da Silva");
        p.put("municipio", "Recife");
        p.put("uf", "PE");
        p.put("cep", "50050000");
        stage(store, ids, clock, "paciente", OperationToStage.CREATE, "criar", paciente, null, p);

        ObjectNode patch = json.createObjectNode();
        patch.put("telefone", "81999990000");
        patch.put("bairro", "Boa Vista");
        stage(store, ids, clock, "paciente", OperationToStage.UPDATE, "alterar", paciente, 0L, patch);

        UUID atendimento = uuidV7();
        ObjectNode a = json.createObjectNode();
        a.put("paciente_id", paciente.toString());
        a.put("tipo", "INTERNACAO");
        a.put("carater", "URGENCIA");
        a.put("procedencia", "DEMANDA_ESPONTANEA");
        a.put("leito_id", bedA.toString());
        a.put("financiamento", "SUS");
        a.put("cid_principal", "J189");
        stage(store, ids, clock, "atendimento", OperationToStage.CREATE, "criar", atendimento, null, a);

        ObjectNode tr = json.createObjectNode();
        tr.put("atendimento_id", atendimento.toString());
        tr.put("leito_origem_id", bedA.toString());
        tr.put("leito_destino_id", bedB.toString());
        tr.put("motivo", "MUDANCA_NIVEL_CUIDADO");
        stage(store, ids, clock, "transferencia", OperationToStage.CREATE, "criar", uuidV7(), null, tr);

        ObjectNode alta = json.createObjectNode();
        alta.put("atendimento_id", atendimento.toString());
        alta.put("motivo", "ALTA_MELHORADO");
        alta.put("cid_principal", "J189");
        stage(store, ids, clock, "alta", OperationToStage.CREATE, "criar", uuidV7(), null, alta);

        // each use moves both beds three versions on: A admitted, A cleaned on transfer, A released;
        // B occupied on transfer, B cleaned on discharge, B released
        long base = 3 * use + 2;
        for (UUID bed : new UUID[] {bedA, bedB}) {
            ObjectNode s = json.createObjectNode();
            s.put("status", "DISPONIVEL");
            stage(store, ids, clock, "leito", OperationToStage.UPDATE, "mudar-status", bed, base, s);
        }
    }

    private static void stage(
            StagingStore store,
            ConcurrentLinkedQueue<UUID> ids,
            AtomicLong clock,
            String entity,
            String action,
            String command,
            UUID entityId,
            Long baseVersion,
            ObjectNode payload) {
        UUID operationId = uuidV7();
        // the submission times of one thread's operations increase, as they did on the node
        Instant registradoEm = Instant.ofEpochMilli(clock.addAndGet(1));
        store.stage(new OperationToStage(
                operationId, entity, action, command, entityId, baseVersion, USER, null, null, registradoEm, payload));
        ids.add(operationId);
    }

    /** A valid CPF: nine digits and their two check digits (DOMAIN.md). */
    static String cpf(long nine) {
        int[] d = new int[11];
        String s = String.format(Locale.ROOT, "%09d", nine);
        for (int i = 0; i < 9; i++) {
            d[i] = s.charAt(i) - '0';
        }
        for (int k = 9; k <= 10; k++) {
            int sum = 0;
            for (int i = 0; i < k; i++) {
                sum += d[i] * (k + 1 - i);
            }
            int r = sum % 11;
            d[k] = r < 2 ? 0 : 11 - r;
        }
        StringBuilder b = new StringBuilder(11);
        for (int v : d) {
            b.append(v);
        }
        return b.toString();
    }

    /** A time-ordered UUID (version 7), as the nodes make them. */
    static UUID uuidV7() {
        long ms = System.currentTimeMillis();
        long msb = (ms << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
