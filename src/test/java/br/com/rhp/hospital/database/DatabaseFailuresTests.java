package br.com.rhp.hospital.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseFailuresTests {

    @Test
    void connectionRefusedAnywhereInTheCauseChainIsUnavailability() {
        var e = new CannotCreateTransactionException("x", new RuntimeException(new ConnectException("refused")));
        assertThat(DatabaseFailures.isUnavailable(e)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new ConnectException())))
                .isTrue();
    }

    @Test
    void timeoutsPoolExhaustionAndShutdownAreUnavailability() {
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(new SocketTimeoutException("read timed out"))))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("pool exhausted")))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("connection failure", "08006")))
                .isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("could not serialize", "40001")))
                .isTrue();
    }

    @Test
    void aRollbackThatFailsOnABrokenConnectionIsUnavailability() {
        var rollback = new org.hibernate.TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed"));
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException(rollback)))
                .isTrue();
    }

    @Test
    void constraintViolationsAndBadSqlAreNotUnavailability() {
        var duplicate = new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505"));
        assertThat(DatabaseFailures.isUnavailable(duplicate)).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("syntax", "42601")))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("bug")))
                .isFalse();
    }
}
