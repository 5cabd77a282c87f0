package br.com.rhp.hospital.replay;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.DatabaseFailures;
import br.com.rhp.hospital.database.SchemaMigrations;
import br.com.rhp.hospital.shared.ProblemaDeDominio;
import br.com.rhp.hospital.shared.Tarefas;
import br.com.rhp.hospital.staging.Area;
import br.com.rhp.hospital.staging.StagedEntry;
import br.com.rhp.hospital.staging.StagedFile;
import br.com.rhp.hospital.staging.StagedRecord;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.write.Action;
import br.com.rhp.hospital.write.Backlog;
import br.com.rhp.hospital.write.Operation;
import br.com.rhp.hospital.write.OperationKeys;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Drains the staging area into the central database.
 *
 * <p>Order: every pending file of every {@code <action>/<entity>} partition, merged in the node's
 * acceptance order (sequence). Exactly once: each operation goes through the write gateway, which applies
 * it in one transaction with its ledger row; an operation already in the ledger is a no-op, and the file
 * is removed only after the commit — a crash in between replays as a no-op.
 *
 * <p>Failures: a database that becomes unavailable stops the run and keeps everything for the next one.
 * An unreadable file is quarantined. An operation a rule refuses goes to the conflict queue when it
 * contradicts what is in the database (a stale version, a bed already taken: 409/412) and to quarantine
 * otherwise (400/404/422). Later operations that touch the same records are held — left pending — so
 * their order is never broken, and the rest continues.
 *
 * <p>One run at a time per node: a run asked for while another is in progress is skipped, not queued.
 * Nodes coordinate only through the ledger, so several nodes may replay at once.
 */
@Component
public class Replayer {

    private static final Logger log = LoggerFactory.getLogger(Replayer.class);

    private final StagingStore staging;
    private final WriteGateway gateway;
    private final Backlog backlog;
    private final DatabaseCircuit circuit;
    private final SchemaMigrations schema;
    private final Clock clock;
    /** Operations read, and applied together in one transaction when safe, per step of a run. */
    private final int batchSize;

    private final ReentrantLock running = new ReentrantLock();
    private volatile ReplayResult last;

    Replayer(
            StagingStore staging,
            WriteGateway gateway,
            Backlog backlog,
            DatabaseCircuit circuit,
            SchemaMigrations schema,
            Clock clock,
            @Value("${REPLAY_BATCH_SIZE:200}") int batchSize) {
        this.staging = staging;
        this.gateway = gateway;
        this.backlog = backlog;
        this.circuit = circuit;
        this.schema = schema;
        this.clock = clock;
        this.batchSize = Math.max(1, batchSize);
    }

    /** The last run's result; {@code null} before the first. */
    public ReplayResult last() {
        return last;
    }

    /** Whether a run is in progress. */
    public boolean running() {
        return running.isLocked();
    }

    /** Runs the replay now, unless one is already running or the database is known to be down. */
    public ReplayResult run(String gatilho) {
        if (!running.tryLock()) {
            return ReplayResult.ignorada(
                    gatilho, ReplayResult.Resultado.IGNORADA_EM_ANDAMENTO, clock.instant(), pendentes());
        }
        try {
            ReplayResult result;
            if (circuit.isOpen() || !schema.ready()) {
                result = ReplayResult.ignorada(
                        gatilho, ReplayResult.Resultado.IGNORADA_BANCO_INDISPONIVEL, clock.instant(), pendentes());
            } else {
                result = new Run(gatilho).execute();
            }
            last = result;
            if (result.aplicadas() + result.quarentena() + result.conflitos() > 0
                    || result.resultado() != ReplayResult.Resultado.CONCLUIDA) {
                log.info(
                        "Replay ({}) {}: {} applied, {} already applied, {} quarantined, {} in conflict, {} held, {} left",
                        gatilho,
                        result.resultado(),
                        result.aplicadas(),
                        result.jaAplicadas(),
                        result.quarentena(),
                        result.conflitos(),
                        result.retidas(),
                        result.restantes());
            }
            return result;
        } finally {
            running.unlock();
        }
    }

    private long pendentes() {
        return staging.stats().pending();
    }

    /** The state of one run. */
    private final class Run {
        private final String gatilho;
        private final Instant inicio = clock.instant();
        private final Set<UUID> retidas = new HashSet<>();
        private long aplicadas;
        private long jaAplicadas;
        private long quarentena;
        private long conflitos;
        private long retidasCount;
        /** Where the run's time went, for the log: batches, and the time reading, applying, concluding. */
        private long lotes;

        private long lotesUmAUm;
        private long aplicandoNanos;
        /** Time this thread waited for the file thread: a batch not read yet, a removal not done yet. */
        private long esperandoArquivosNanos;
        /** Time the file thread spent reading batches and removing applied files. */
        private final AtomicLong lendoNanos = new AtomicLong();

        private final AtomicLong concluindoNanos = new AtomicLong();

        Run(String gatilho) {
            this.gatilho = gatilho;
        }

        ReplayResult execute() {
            retidas.addAll(heldKeys());
            // the listing brings the index in line with the disk (files added or removed by hand); the run
            // then walks the index's own entries, each file's name made when its batch comes
            staging.refresh(Area.PENDING);
            List<StagedFile> files = staging.indexed(Area.PENDING);
            // A second thread reads (and decrypts) the next batch and removes the files of the previous one
            // while this one applies the current batch: the replay thread mostly waits for PostgreSQL, and
            // the files' work then costs no time of its own. Only this thread applies, in order, and decides
            // what is held; the file thread's outcomes (applied files removed) are those of batches already
            // committed, so a crash leaves at worst files whose replay is a no-op, as before.
            ExecutorService arquivos = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "replay-files");
                thread.setDaemon(true);
                return thread;
            });
            boolean interrompida = false;
            try {
                Future<List<StagedEntry>> proximo = arquivos.submit(() -> ler(files, 0));
                Future<?> conclusao = null;
                for (int from = 0; from < files.size() && !interrompida; from += batchSize) {
                    long t0 = System.nanoTime();
                    List<StagedEntry> entries = aguardar(proximo);
                    int seguinte = from + batchSize;
                    proximo = seguinte < files.size() ? arquivos.submit(() -> ler(files, seguinte)) : null;
                    long t1 = System.nanoTime();
                    List<StagedEntry> aplicados = new ArrayList<>();
                    if (!applyTogether(entries, aplicados)) {
                        lotesUmAUm++;
                        // quarantine and conflict moves happen here, one outcome at a time: the previous
                        // batch's files are removed first
                        aguardar(conclusao);
                        for (StagedEntry entry : entries) {
                            if (!apply(entry, aplicados)) {
                                interrompida = true;
                                break;
                            }
                        }
                    }
                    long t2 = System.nanoTime();
                    aguardar(conclusao); // outcomes in batch order, and an error of the last one surfaces here
                    conclusao = arquivos.submit(() -> concluir(aplicados));
                    lotes++;
                    esperandoArquivosNanos += (t1 - t0) + (System.nanoTime() - t2);
                    aplicandoNanos += t2 - t1;
                }
                aguardar(conclusao);
                if (proximo != null) {
                    proximo.cancel(false); // interrupted: the batch read ahead stays pending
                }
            } finally {
                // no interruption: a removal under way finishes (an interrupted write would close the
                // journal's channel), and the next run starts only once this one's files are settled
                arquivos.shutdown();
                esperarTerminar(arquivos);
            }
            if (lotes > 0) {
                log.info(
                        "Replay ({}): {} batch(es) of up to {}, {} applied one by one; applying {} ms, waiting for"
                                + " the files {} ms (reading {} ms and removing applied files {} ms, beside the"
                                + " applying)",
                        gatilho,
                        lotes,
                        batchSize,
                        lotesUmAUm,
                        aplicandoNanos / 1_000_000,
                        esperandoArquivosNanos / 1_000_000,
                        lendoNanos.get() / 1_000_000,
                        concluindoNanos.get() / 1_000_000);
            }
            return new ReplayResult(
                    gatilho,
                    interrompida
                            ? ReplayResult.Resultado.INTERROMPIDA_BANCO_INDISPONIVEL
                            : ReplayResult.Resultado.CONCLUIDA,
                    inicio,
                    clock.instant(),
                    aplicadas,
                    jaAplicadas,
                    quarentena,
                    conflitos,
                    retidasCount,
                    pendentes());
        }

        /**
         * The fast path: when every entry of the batch is readable and none is held, applies them all in
         * one transaction.
         *
         * @return whether it did; if not, nothing was applied and the entries go one by one
         */
        private boolean applyTogether(List<StagedEntry> entries, List<StagedEntry> aplicados) {
            List<Operation> operations = new ArrayList<>(entries.size());
            for (StagedEntry entry : entries) {
                if (!(entry instanceof StagedEntry.Readable readable)) {
                    return false;
                }
                StagedRecord record = readable.record();
                if (!Collections.disjoint(OperationKeys.of(record.entityId(), record.payload()), retidas)) {
                    return false;
                }
                operations.add(toOperation(record));
            }
            try {
                for (WriteResult result : gateway.applyNowTogether(operations)) {
                    if (result instanceof WriteResult.AlreadyApplied) {
                        jaAplicadas++;
                    } else {
                        aplicadas++;
                    }
                }
            } catch (RuntimeException e) {
                return false; // one of them failed: the one-by-one pass finds which, and why
            }
            aplicados.addAll(entries);
            return true;
        }

        /** @return false when the database became unavailable and the run must stop */
        private boolean apply(StagedEntry entry, List<StagedEntry> aplicados) {
            if (entry instanceof StagedEntry.Unreadable unreadable) {
                if (staging.quarantine(entry, "arquivo ilegível: " + unreadable.reason())) {
                    quarentena++;
                }
                return true;
            }
            StagedRecord record = ((StagedEntry.Readable) entry).record();
            Set<UUID> keys = OperationKeys.of(record.entityId(), record.payload());
            if (!Collections.disjoint(keys, retidas)) {
                retidas.addAll(keys);
                retidasCount++;
                return true;
            }
            try {
                if (gateway.applyNow(toOperation(record)) instanceof WriteResult.AlreadyApplied) {
                    jaAplicadas++;
                } else {
                    aplicadas++;
                }
                aplicados.add(entry);
                return true;
            } catch (ProblemaDeDominio problema) {
                String reason = problema.regra() + ": " + problema.getMessage();
                boolean moved =
                        problema.conflito() ? staging.conflict(entry, reason) : staging.quarantine(entry, reason);
                if (moved) {
                    if (problema.conflito()) {
                        conflitos++;
                    } else {
                        quarentena++;
                    }
                }
                retidas.addAll(keys);
                return true;
            } catch (RuntimeException e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    circuit.recordUnavailable();
                    return false;
                }
                log.error("Operation {} failed unexpectedly during replay; quarantined", record.operationId(), e);
                if (staging.quarantine(
                        entry, "erro inesperado ao aplicar: " + e.getClass().getSimpleName())) {
                    quarentena++;
                }
                retidas.addAll(keys);
                return true;
            }
        }

        /** Reads the batch that starts at {@code from} (on the file thread). */
        private List<StagedEntry> ler(List<StagedFile> files, int from) {
            long t0 = System.nanoTime();
            List<StagedEntry> entries = files.subList(from, Math.min(files.size(), from + batchSize)).stream()
                    .map(staging::read)
                    .toList();
            lendoNanos.addAndGet(System.nanoTime() - t0);
            return entries;
        }

        /**
         * Removes the files of the operations the database now holds (their commits are done), on the file
         * thread.
         */
        private void concluir(List<StagedEntry> aplicados) {
            if (aplicados.isEmpty()) {
                return;
            }
            long t0 = System.nanoTime();
            staging.markApplied(aplicados);
            for (StagedEntry entry : aplicados) {
                backlog.remove(entry.file().operationId());
            }
            concluindoNanos.addAndGet(System.nanoTime() - t0);
        }

        private static void esperarTerminar(ExecutorService executor) {
            boolean interrompido = false;
            while (true) {
                try {
                    if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrompido = true;
                }
            }
            if (interrompido) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the file thread's task; its failure is this run's. */
        private <T> T aguardar(Future<T> task) {
            if (task == null) {
                return null;
            }
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted while waiting for its files", e);
            } catch (ExecutionException e) {
                throw Tarefas.falhaDe(e);
            }
        }
    }

    /** Keys of the operations in quarantine or in conflict: what they touch stays held. */
    private Set<UUID> heldKeys() {
        Set<UUID> keys = new HashSet<>();
        for (Area area : List.of(Area.QUARANTINE, Area.CONFLICTS)) {
            for (StagedEntry entry : staging.entries(area)) {
                if (entry instanceof StagedEntry.Readable readable) {
                    keys.addAll(OperationKeys.of(
                            readable.record().entityId(), readable.record().payload()));
                }
            }
        }
        return keys;
    }

    static Operation toOperation(StagedRecord r) {
        return new Operation(
                r.operationId(),
                r.entity(),
                Action.valueOf(r.action().toUpperCase(Locale.ROOT)),
                r.command(),
                r.entityId(),
                r.baseVersion(),
                r.user(),
                r.nodeId(),
                r.clientAddress(),
                r.registradoEm(),
                r.payload());
    }
}
