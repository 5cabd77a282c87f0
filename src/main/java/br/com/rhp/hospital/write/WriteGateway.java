package br.com.rhp.hospital.write;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.DatabaseFailures;
import br.com.rhp.hospital.database.SchemaMigrations;
import br.com.rhp.hospital.shared.ProblemaDeDominio;
import br.com.rhp.hospital.shared.RegistrosDaTransacao;
import br.com.rhp.hospital.staging.OperationStatus;
import br.com.rhp.hospital.staging.OperationToStage;
import br.com.rhp.hospital.staging.StagedFile;
import br.com.rhp.hospital.staging.StagingReceipt;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.trilha.Acao;
import br.com.rhp.hospital.trilha.EventoDeAuditoria;
import br.com.rhp.hospital.trilha.Resultado;
import br.com.rhp.hospital.trilha.TrilhaDeAuditoria;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where writes happen. Controllers build an {@link Operation} and {@link #submit} it;
 * the replay hands staged operations to {@link #applyNow}; nothing else writes to the domain tables.
 *
 * <p>An operation is applied in one transaction with its row in the {@code applied_operations} ledger and
 * its entry in the audit trail ({@link TrilhaDeAuditoria}): all commit or none does, and an operation
 * already in the ledger is not applied again — so each applied write has exactly one audit entry, with the
 * user, node, client address and time of its submission, whether it was applied live or replayed.
 *
 * <p>{@link #submit} decides between the database and this node's disk. The write is staged — saved
 * durably, answered 202 — when the database is known to be down (the circuit is open, or the schema has
 * not been migrated yet), when this node still holds staged operations on a record the write touches (a
 * live write never overtakes staged ones), or when the attempt fails because the database cannot be
 * reached or does not answer in time. A write the hospital's rules refuse is never staged: its problem
 * goes back to the client. If staging itself fails (disk full, I/O error) the client is told the write
 * was <em>not</em> saved.
 *
 * <p>A submission is recognised by its operation id, which is the client's {@code Idempotency-Key} when
 * it sent one: sent again while still staged here it gets the same receipt, once applied (live or by the
 * replay) it is answered as already applied, and it never writes a second record.
 *
 * <p>On PostgreSQL the live attempt runs with a deadline ({@code DATABASE_WRITE_TIMEOUT}), so a
 * database that accepts connections and never answers costs one request at most that long. An attempt
 * abandoned at the deadline may still commit later; its staged copy then finds the operation in the
 * ledger and is not applied twice.
 */
@Component
public class WriteGateway {

    private static final Logger log = LoggerFactory.getLogger(WriteGateway.class);

    private final Map<String, OperationHandler<?>> handlers = new HashMap<>();
    private final List<ConstraintRule> constraintRules;
    private final TransactionTemplate transactions;
    private final AppliedOperationRepository ledger;
    private final EntityManager entityManager;
    private final JsonMapper json;
    private final Clock clock;
    private final PersistenceExceptionTranslator persistenceExceptions;
    private final DatabaseCircuit circuit;
    private final SchemaMigrations schema;
    private final StagingStore staging;
    private final Backlog backlog;
    private final LiveWrites liveWrites;
    private final TrilhaDeAuditoria trilha;
    private final RegistrosDaTransacao registros;

    WriteGateway(
            List<OperationHandler<?>> handlers,
            List<ConstraintRule> constraintRules,
            TransactionTemplate transactions,
            AppliedOperationRepository ledger,
            EntityManager entityManager,
            JsonMapper json,
            Clock clock,
            PersistenceExceptionTranslator persistenceExceptions,
            DatabaseCircuit circuit,
            SchemaMigrations schema,
            StagingStore staging,
            Backlog backlog,
            LiveWrites liveWrites,
            TrilhaDeAuditoria trilha,
            RegistrosDaTransacao registros) {
        for (OperationHandler<?> handler : handlers) {
            OperationHandler<?> previous =
                    this.handlers.put(key(handler.entity(), handler.action(), handler.command()), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + handler + ": " + previous + ", " + handler);
            }
        }
        this.constraintRules = List.copyOf(constraintRules);
        this.transactions = transactions;
        this.ledger = ledger;
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
        this.persistenceExceptions = persistenceExceptions;
        this.circuit = circuit;
        this.schema = schema;
        this.staging = staging;
        this.backlog = backlog;
        this.liveWrites = liveWrites;
        this.trilha = trilha;
        this.registros = registros;
    }

    /**
     * Submits a user's write: applied now, or staged on this node.
     *
     * @throws ProblemaDeDominio when a hospital rule refuses it (never staged)
     * @throws br.com.rhp.hospital.staging.NotStaged when it had to be staged and could not be saved
     */
    public WriteResult submit(Operation operation) {
        handlerFor(operation);
        WriteResult earlier = earlierSubmission(operation);
        if (earlier != null) {
            return earlier;
        }
        if (circuit.isOpen() || !schema.ready()) {
            return stage(operation);
        }
        // the keys are worth computing only while this node holds staged work
        if (!backlog.isEmpty() && backlog.holdsAny(OperationKeys.of(operation.entityId(), payloadTree(operation)))) {
            return stage(operation);
        }
        // read here, in the request's thread: the live attempt may run in another one
        boolean newId = Operations.mintedForThisRequest(operation.operationId());
        try {
            WriteResult result = liveWrites.run(() -> applyOnce(operation, newId));
            circuit.recordSuccess();
            return result;
        } catch (ProblemaDeDominio e) {
            throw e;
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            circuit.recordUnavailable();
            log.warn(
                    "Database unavailable ({}): operation {} staged",
                    e.getClass().getSimpleName(),
                    operation.operationId());
            return stage(operation);
        }
    }

    /**
     * Applies an operation now, in the caller's transaction if there is one, with no staging fallback:
     * the caller decides what a failure means. For the replay (operations read back from staging) and for
     * loading sample data.
     */
    public WriteResult applyNow(Operation operation) {
        return applyOnce(operation, false);
    }

    /**
     * Applies several operations in one transaction, in order — the replay's fast path for a large
     * backlog. All or nothing: if any of them fails, none is applied and the failure is thrown, and the
     * caller applies them one by one to find out which. The same operation id twice in the list is such a
     * failure (one by one, the second copy then finds the first in the ledger).
     *
     * <p>Each operation's changes are flushed before the next one runs, so its rule checks see them and
     * the result is what applying them one after the other would give ({@code
     * BatchEquivalenceIntegrationTests}); the ledger rows and audit entries, which no rule check reads, are
     * written once at the end.
     *
     * @return what became of each, in order
     */
    public List<WriteResult> applyNowTogether(List<Operation> operations) {
        if (operations.isEmpty()) {
            return List.of();
        }
        try {
            return transactions.execute(status -> {
                Set<UUID> already = new HashSet<>();
                ledger.findAllById(
                                operations.stream().map(Operation::operationId).toList())
                        .forEach(row -> already.add(row.getId()));
                List<WriteResult> results = new ArrayList<>(operations.size());
                List<AppliedOperation> aplicadas = new ArrayList<>(operations.size());
                Set<UUID> nesteLote = new HashSet<>();
                List<EventoDeAuditoria> auditoria = new ArrayList<>(operations.size());
                for (Operation operation : operations) {
                    if (already.contains(operation.operationId())) {
                        results.add(new WriteResult.AlreadyApplied(operation.operationId(), operation.entityId()));
                        continue;
                    }
                    if (!nesteLote.add(operation.operationId())) {
                        // one by one, the second copy finds the first in the ledger (or a reused key); the
                        // ledger rows of this batch are written only at its end, so let that pass decide
                        throw new IllegalStateException(
                                "operation " + operation.operationId() + " appears twice in one batch");
                    }
                    Object record = invoke(handlerFor(operation), operation);
                    if (operation.action() == Action.CREATE) {
                        // later operations of the batch may ask about it: see RegistrosDaTransacao
                        registros.criado(operation.entityId());
                    }
                    // each operation's rows reach the database before the next one runs, as if applied
                    // alone: its rule checks see them, and the insert ordering (hibernate.order_inserts,
                    // which knows no foreign key between plain id columns) never moves a row of a later
                    // operation ahead of the earlier row it references
                    entityManager.flush();
                    aplicadas.add(new AppliedOperation(operation, clock.instant()));
                    auditoria.add(evento(operation, Resultado.SUCESSO, null));
                    results.add(new WriteResult.Applied(record, operation.entityId()));
                }
                // the ledger rows and audit entries are read by no rule check: written once, at the end,
                // they travel as a few JDBC batches instead of a round trip per operation
                ledger.saveAll(aplicadas);
                trilha.registrarNaTransacao(auditoria);
                entityManager.flush();
                return results;
            });
        } catch (ProblemaDeDominio e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * What this node already knows of the same submission (the same {@code Idempotency-Key}): still staged
     * here → the same receipt; applied by this node's replay → already applied; discarded → refused. {@code
     * null} when this node has not staged it, and the ledger (checked when the write is applied) decides.
     */
    private WriteResult earlierSubmission(Operation operation) {
        OperationStatus status = staging.status(operation.operationId());
        switch (status.state()) {
            case PENDING, QUARANTINED, CONFLICT -> {
                StagedFile file = staging.file(operation.operationId()).orElse(null);
                if (file == null) {
                    return null; // applied or moved meanwhile: the ledger decides
                }
                if (!file.entity().equals(operation.entity())
                        || !file.action().equals(operation.action().key())) {
                    throw new ChaveDeIdempotenciaReutilizada();
                }
                return new WriteResult.Staged(
                        operation.operationId(),
                        operation.entity(),
                        operation.action(),
                        operation.entityId(),
                        file.stagedAt(),
                        status.state().name());
            }
            case APPLIED -> {
                return new WriteResult.AlreadyApplied(operation.operationId(), operation.entityId());
            }
            case DISCARDED -> throw new OperacaoDescartada();
            default -> {
                return null;
            }
        }
    }

    /** Whether the central database's ledger holds this operation (the database must be reachable). */
    public boolean wasApplied(UUID operationId) {
        return ledger.existsById(operationId);
    }

    private WriteResult stage(Operation operation) {
        JsonNode payload = payloadTree(operation);
        StagingReceipt receipt = staging.stage(new OperationToStage(
                operation.operationId(),
                operation.entity(),
                operation.action().key(),
                operation.command(),
                operation.entityId(),
                operation.baseVersion(),
                operation.user(),
                operation.clientAddress(),
                ocorridoEm(payload),
                operation.registradoEm(),
                payload));
        backlog.add(operation.operationId(), OperationKeys.of(operation.entityId(), payload));
        return new WriteResult.Staged(
                operation.operationId(),
                operation.entity(),
                operation.action(),
                operation.entityId(),
                receipt.stagedAt());
    }

    /**
     * Applies the operation unless the ledger already holds it.
     *
     * @param newId the operation's id was made by this node for the request being served ({@link
     *     Operations#mintedForThisRequest}), so the ledger is not searched for it first
     * @throws ProblemaDeDominio when a hospital rule forbids it, including rules caught by the
     *     database's unique indexes
     */
    WriteResult applyOnce(Operation operation, boolean newId) {
        OperationHandler<?> handler = handlerFor(operation);
        try {
            return transactions.execute(status -> {
                // an id this node made for this request cannot be in the ledger: one round trip saved per
                // live write (the ledger's primary key still refuses a second row, see below)
                AppliedOperation applied =
                        newId ? null : ledger.findById(operation.operationId()).orElse(null);
                if (applied != null) {
                    if (!applied.recordsSameWriteAs(operation)) {
                        throw new ChaveDeIdempotenciaReutilizada();
                    }
                    return new WriteResult.AlreadyApplied(operation.operationId(), applied.entityId());
                }
                Object record = invoke(handler, operation);
                ledger.save(new AppliedOperation(operation, clock.instant()));
                trilha.registrarNaTransacao(List.of(evento(operation, Resultado.SUCESSO, null)));
                entityManager.flush();
                return new WriteResult.Applied(record, operation.entityId());
            });
        } catch (ProblemaDeDominio e) {
            auditarRecusa(operation, e);
            throw e;
        } catch (RuntimeException e) {
            DataAccessException raw =
                    e instanceof DataAccessException dae ? dae : persistenceExceptions.translateExceptionIfPossible(e);
            if (raw instanceof DataIntegrityViolationException
                    && (isLedgerDuplicate(raw) || appliedMeanwhile(operation))) {
                // applied meanwhile by another path (an abandoned live attempt, another replayer, the same
                // submission sent twice at once): its record's key or the ledger's was taken first
                return new WriteResult.AlreadyApplied(operation.operationId(), operation.entityId());
            }
            RuntimeException translated = translate(e);
            if (translated instanceof ProblemaDeDominio problema) {
                auditarRecusa(operation, problema);
            }
            throw translated;
        }
    }

    private boolean appliedMeanwhile(Operation operation) {
        try {
            return ledger.existsById(operation.operationId());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The audit entry of an operation: who submitted it, from where, when, and what became of it. */
    private static EventoDeAuditoria evento(Operation operation, Resultado resultado, String detalhe) {
        return new EventoDeAuditoria(
                null,
                operation.user(),
                operation.nodeId(),
                operation.clientAddress(),
                operation.registradoEm(),
                Acao.daOperacao(operation.action().key(), operation.command()),
                operation.command(),
                operation.entity(),
                operation.entityId(),
                operation.operationId(),
                resultado,
                detalhe);
    }

    /**
     * Records that a rule refused the operation (its name only: the message may quote the form). Its own
     * transaction, since the write's rolled back; skipped inside a caller's transaction, which is doomed
     * and would take the entry with it. Never hides the refusal: a failure here is only logged.
     */
    private void auditarRecusa(Operation operation, ProblemaDeDominio problema) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        try {
            trilha.registrar(evento(operation, Resultado.RECUSADO, problema.regra()));
        } catch (RuntimeException e) {
            log.warn(
                    "Refusal of operation {} not recorded in the audit trail ({})",
                    operation.operationId(),
                    e.getClass().getSimpleName());
        }
    }

    private OperationHandler<?> handlerFor(Operation operation) {
        OperationHandler<?> handler = handlers.get(key(operation.entity(), operation.action(), operation.command()));
        if (handler == null) {
            throw new IllegalArgumentException("no handler for "
                    + operation.action().key() + " " + operation.entity() + " (" + operation.command() + ")");
        }
        return handler;
    }

    private <P> Object invoke(OperationHandler<P> handler, Operation operation) {
        Class<P> type = handler.payloadType();
        Object raw = operation.payload();
        P payload = type.isInstance(raw) ? type.cast(raw) : json.convertValue(raw, type);
        return handler.apply(operation, payload);
    }

    private JsonNode payloadTree(Operation operation) {
        return operation.payload() instanceof JsonNode tree ? tree : json.valueToTree(operation.payload());
    }

    /** When the event happened as the user stated it, if the form says ({@code ocorrido_em} or {@code inicio}). */
    private static Instant ocorridoEm(JsonNode payload) {
        for (String field : new String[] {"ocorrido_em", "inicio"}) {
            JsonNode value = payload.get(field);
            if (value != null && value.isString()) {
                try {
                    return Instant.parse(value.asString());
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Gives a failure its meaning: JPA and JDBC exceptions become Spring's data access exceptions (by
     * vendor code), and a broken unique index becomes the hospital rule behind it.
     */
    private RuntimeException translate(RuntimeException e) {
        DataAccessException translated =
                e instanceof DataAccessException dae ? dae : persistenceExceptions.translateExceptionIfPossible(e);
        if (translated instanceof DataIntegrityViolationException violation && !isLedgerDuplicate(violation)) {
            String message = violation.getMostSpecificCause().getMessage();
            for (ConstraintRule rule : constraintRules) {
                if (rule.matches(message)) {
                    return rule.problem().get();
                }
            }
        }
        return translated != null ? translated : e;
    }

    private static boolean isLedgerDuplicate(RuntimeException violation) {
        String message = violation instanceof DataAccessException dae
                ? dae.getMostSpecificCause().getMessage()
                : violation.getMessage();
        return message != null
                && (message.contains("applied_operations_pkey") || message.contains("applied_operations.operation_id"));
    }

    private static String key(String entity, Action action, String command) {
        return action.key() + "/" + entity + "/" + command;
    }
}
