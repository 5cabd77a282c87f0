package br.com.rhp.hospital.database;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells whether a failure means "the database cannot be reached or cannot answer now" — a write that
 * must be staged, a read that must answer 503 — as opposed to a failure caused by the request itself,
 * which must never be staged (STORE-AND-FORWARD.md §7).
 *
 * <p>Unavailable: connection refused or reset, connect/socket/query timeouts, pool exhausted, server
 * shutting down or starting up (SQLState class 08, 57P01–57P03), a lock or serialization failure the
 * engine asks to retry (40001, 40P01, 55P03, SQLite BUSY/LOCKED), an I/O error of the SQLite file, and a
 * commit or rollback that failed on a broken connection.
 */
public final class DatabaseFailures {

    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300", // too_many_connections
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "57014" // query_canceled (statement timeout)
            );

    /** SQLite result codes: BUSY, LOCKED, IOERR, CANTOPEN, FULL (of the database's own disk). */
    private static final Set<Integer> SQLITE_UNAVAILABLE = Set.of(5, 6, 10, 13, 14);

    private DatabaseFailures() {}

    /** Whether {@code failure}, or anything in its cause chain, says the database is unavailable. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof CannotGetJdbcConnectionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof PessimisticLockingFailureException
                    || t instanceof TransactionTimedOutException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLTimeoutException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException
                    || t instanceof SocketException
                    || t instanceof TimeoutException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.exception.LockTimeoutException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.QueryTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableSql(sql)) {
                return true;
            }
            if (failedToFinishTransaction(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A commit or rollback that failed on the connection itself: the connection broke under the
     * transaction (the pool reports "Connection is closed" without a SQLState, and the rollback's failure
     * replaces the original error). The outcome of a failed commit is unknown, which is safe here: a
     * staged copy of an operation that did commit is found in the ledger and not applied twice.
     */
    private static boolean failedToFinishTransaction(Throwable t) {
        boolean transactionFailure = t instanceof org.hibernate.TransactionException
                || t instanceof org.springframework.transaction.TransactionSystemException;
        return transactionFailure && t.getCause() instanceof SQLException;
    }

    private static boolean unavailableSql(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
            return true;
        }
        return state == null
                && sql.getClass().getName().startsWith("org.sqlite")
                && SQLITE_UNAVAILABLE.contains(sql.getErrorCode() & 0xFF);
    }
}
