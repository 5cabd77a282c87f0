package br.com.rhp.hospital.database;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.support.IntegrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * PostgreSQL plans each execution of a statement with the values and the table sizes of that moment, on the
 * service's connections. By default, a statement prepared and run five times may be given one generic plan,
 * costed once and kept: made while a table was small — a new database, the first minutes of a replay after
 * an outage — it kept scanning the whole ledger for every batch of the replay (370 ms a batch at 100,000
 * rows instead of under 1 ms). The plan of a prepared statement shows the difference: a generic plan names
 * its parameters ({@code $1}), a plan made for the execution shows the value.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "hospital.test.engine", matches = "postgresql")
class QueryPlansIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Test
    void plansEachExecutionForTheValuesAndTableOfNow() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TEMP TABLE plano_teste (id VARCHAR(36) PRIMARY KEY, valor TEXT)");
            sql.execute("PREPARE busca (VARCHAR) AS SELECT valor FROM plano_teste WHERE id = $1");
            for (int i = 0; i < 8; i++) {
                sql.execute("EXECUTE busca('nada')"); // run enough times for PostgreSQL to consider a generic plan
            }
            sql.execute("INSERT INTO plano_teste SELECT g::text, 'x' FROM generate_series(1, 20000) g");

            String plano = plan(sql, "EXPLAIN EXECUTE busca('123')");

            assertThat(plano).contains("'123'").doesNotContain("$1");
            sql.execute("DEALLOCATE busca");
            sql.execute("DROP TABLE plano_teste");
        }
    }

    private static String plan(Statement sql, String explain) throws SQLException {
        StringBuilder plano = new StringBuilder();
        try (ResultSet linhas = sql.executeQuery(explain)) {
            while (linhas.next()) {
                plano.append(linhas.getString(1)).append('\n');
            }
        }
        return plano.toString();
    }
}
