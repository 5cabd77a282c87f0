package br.com.rhp.hospital.database;

import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.hibernate.Session;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.TransactionDefinition;

/**
 * Gives every read-only transaction on PostgreSQL a deadline of its own ({@code DATABASE_READ_TIMEOUT}): its
 * connection's network timeout is lowered to it for the transaction, and the pool puts the connection's own
 * timeout ({@code DATABASE_SOCKET_TIMEOUT_SECONDS}) back when the connection returns.
 *
 * <p>Writes have their deadline ({@code DATABASE_WRITE_TIMEOUT}) and are staged when they miss it. A read
 * has nowhere else to go; what matters is that it does not hold a request thread for long: when the network
 * to the database black-holes, a read that started before the node noticed would otherwise wait for the
 * socket timeout, and the node answers with a few request threads ({@code HTTP_THREADS}), so a handful of
 * such reads would hold up every request for that long. Missing the deadline is a socket timeout, which the
 * node treats as the database being unavailable: 503, the circuit opens.
 */
final class ReadDeadlineDialect extends HibernateJpaDialect {

    /** The driver applies the timeout on the calling thread; nothing to hand off. */
    private static final Executor DIRECT = Runnable::run;

    private final int millis;

    ReadDeadlineDialect(Duration deadline) {
        this.millis = Math.toIntExact(deadline.toMillis());
    }

    @Override
    public Object beginTransaction(EntityManager entityManager, TransactionDefinition definition) throws SQLException {
        Object transactionData = super.beginTransaction(entityManager, definition);
        if (definition.isReadOnly()) {
            entityManager.unwrap(Session.class).doWork(connection -> connection.setNetworkTimeout(DIRECT, millis));
        }
        return transactionData;
    }
}
