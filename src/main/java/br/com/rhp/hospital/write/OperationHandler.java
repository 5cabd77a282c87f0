package br.com.rhp.hospital.write;

import java.util.function.BiFunction;

/**
 * Applies one kind of operation ({@link #entity()}, {@link #action()}) to the database. Each domain
 * package registers its handlers as beans; the gateway finds them by kind.
 *
 * <p>{@link #apply} runs inside the gateway's transaction, both for a live request and when a staged
 * operation is replayed, so the same rules hold either way. It throws a {@link
 * br.com.rhp.hospital.shared.ProblemaDeDominio} when a rule forbids the write.
 *
 * @param <P> the payload type: the request record, read back from JSON when replayed
 */
public interface OperationHandler<P> {

    /** The command of a plain create. */
    String DEFAULT_CREATE = "criar";

    /** The command of a plain update: a JSON merge patch of the record's form. */
    String DEFAULT_UPDATE = "alterar";

    String entity();

    Action action();

    /** The kind of change, when an entity has several ({@link #DEFAULT_CREATE} / {@link #DEFAULT_UPDATE}). */
    String command();

    Class<P> payloadType();

    /** Applies the operation and returns the record written (a JPA entity). */
    Object apply(Operation operation, P payload);

    /** A handler of a plain create or update, given as a function. */
    static <P> OperationHandler<P> of(
            String entity, Action action, Class<P> payloadType, BiFunction<Operation, P, Object> apply) {
        return of(entity, action, action == Action.CREATE ? DEFAULT_CREATE : DEFAULT_UPDATE, payloadType, apply);
    }

    /** A handler of one kind of operation, given as a function. */
    static <P> OperationHandler<P> of(
            String entity,
            Action action,
            String command,
            Class<P> payloadType,
            BiFunction<Operation, P, Object> apply) {
        return new OperationHandler<>() {
            @Override
            public String entity() {
                return entity;
            }

            @Override
            public Action action() {
                return action;
            }

            @Override
            public String command() {
                return command;
            }

            @Override
            public Class<P> payloadType() {
                return payloadType;
            }

            @Override
            public Object apply(Operation operation, P payload) {
                return apply.apply(operation, payload);
            }

            @Override
            public String toString() {
                return action.key() + " " + entity + " (" + command + ")";
            }
        };
    }
}
