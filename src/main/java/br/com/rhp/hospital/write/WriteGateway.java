package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.ProblemaDeDominio;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where writes happen. Controllers build an {@link Operation} and submit it here;
 * nothing else writes to the domain tables.
 *
 * <p>An operation is applied in one transaction with its row in the {@code applied_operations} ledger:
 * either both commit or neither does, and an operation already in the ledger is not applied again.
 */
@Component
public class WriteGateway {

    private final Map<String, OperationHandler<?>> handlers = new HashMap<>();
    private final List<ConstraintRule> constraintRules;
    private final TransactionTemplate transactions;
    private final AppliedOperationRepository ledger;
    private final EntityManager entityManager;
    private final JsonMapper json;
    private final Clock clock;
    private final PersistenceExceptionTranslator persistenceExceptions;

    WriteGateway(
            List<OperationHandler<?>> handlers,
            List<ConstraintRule> constraintRules,
            TransactionTemplate transactions,
            AppliedOperationRepository ledger,
            EntityManager entityManager,
            JsonMapper json,
            Clock clock,
            PersistenceExceptionTranslator persistenceExceptions) {
        for (OperationHandler<?> handler : handlers) {
            OperationHandler<?> previous =
                    this.handlers.put(key(handler.entity(), handler.action(), handler.command()), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for "
                        + handler.action().key() + " " + handler.entity() + ": " + previous + ", " + handler);
            }
        }
        this.constraintRules = List.copyOf(constraintRules);
        this.transactions = transactions;
        this.ledger = ledger;
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
        this.persistenceExceptions = persistenceExceptions;
    }

    /** Submits a user's write and tells what became of it. */
    public WriteResult submit(Operation operation) {
        return applyOnce(operation);
    }

    /**
     * Applies the operation unless the ledger already holds it.
     *
     * @return the record written, or that the operation had already been applied
     * @throws ProblemaDeDominio when a hospital rule forbids it, including rules caught by the
     *     database's unique indexes
     */
    WriteResult applyOnce(Operation operation) {
        OperationHandler<?> handler = handlerFor(operation);
        try {
            return transactions.execute(status -> {
                if (ledger.existsById(operation.operationId())) {
                    return new WriteResult.AlreadyApplied(operation.operationId(), operation.entityId());
                }
                Object record = invoke(handler, operation);
                ledger.save(new AppliedOperation(operation, clock.instant()));
                entityManager.flush();
                return new WriteResult.Applied(record);
            });
        } catch (ProblemaDeDominio e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
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

    /**
     * Gives a failure its meaning: JPA and JDBC exceptions become Spring's data access exceptions (by
     * vendor code), and a broken unique index becomes the hospital rule behind it.
     */
    private RuntimeException translate(RuntimeException e) {
        DataAccessException translated =
                e instanceof DataAccessException dae ? dae : persistenceExceptions.translateExceptionIfPossible(e);
        if (translated instanceof DataIntegrityViolationException violation) {
            String message = violation.getMostSpecificCause().getMessage();
            for (ConstraintRule rule : constraintRules) {
                if (rule.matches(message)) {
                    return rule.problem().get();
                }
            }
        }
        return translated != null ? translated : e;
    }

    private static String key(String entity, Action action, String command) {
        return action.key() + "/" + entity + "/" + command;
    }
}
