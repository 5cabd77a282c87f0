package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.ProblemaDeDominio;
import java.util.function.Supplier;

/**
 * Names the hospital rule behind a unique index, so that a violation the database catches (two
 * concurrent requests, two replaying nodes) is answered like the same violation caught by the service.
 *
 * <p>PostgreSQL reports the index name; SQLite reports the table and columns ({@code UNIQUE constraint
 * failed: ocupacao.leito_id}), so both are given.
 *
 * @param indexName the index as named in the migration
 * @param sqliteColumns the columns as SQLite lists them, {@code table.column[, table.column]}
 * @param problem the rule's problem
 */
public record ConstraintRule(String indexName, String sqliteColumns, Supplier<? extends ProblemaDeDominio> problem) {

    boolean matches(String message) {
        return message != null
                && (message.contains("\"" + indexName + "\"") || message.contains("failed: " + sqliteColumns));
    }
}
