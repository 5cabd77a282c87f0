package br.com.rhp.hospital.database;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.support.IntegrationTest;
import br.com.rhp.hospital.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the service's connections send a JDBC batch of inserts as multi-row INSERTs (the replay
 * writes a batch's ledger rows and audit entries that way) — a default only: a {@code DATABASE_URL} that
 * names {@code reWriteBatchedInserts} keeps its own choice.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
class BatchedInsertsIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Test
    void rewritesBatchedInsertsOnTheServiceConnections() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(rewrites(connection)).isTrue();
        }
    }

    @Test
    void leavesTheChoiceToAUrlThatMakesIt() throws SQLException {
        TestDatabase.Database db = TestDatabase.createPostgres();
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl(db.url() + (db.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=false");
            hikari.setUsername(db.username());
            hikari.setPassword(db.password());
            new DatabaseSettings(3, 10, 1, Duration.ofSeconds(5)).postProcessBeforeInitialization(hikari, "dataSource");
            try (Connection connection = hikari.getConnection()) {
                assertThat(rewrites(connection)).isFalse();
            }
        }
    }

    private static boolean rewrites(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled();
    }
}
