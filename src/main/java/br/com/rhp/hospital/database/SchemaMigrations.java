package br.com.rhp.hospital.database;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the Flyway migrations when the database can be reached, instead of failing start-up.
 *
 * <p>At start-up Boot hands Flyway here ({@link #migrateOrDefer}); if the database is unavailable the
 * node starts anyway with the circuit open, and {@link DatabaseProbe} calls {@link #migrateIfPending}
 * until the migrations have run. Until then no live write or read reaches the database. A migration
 * that fails for any other reason (a broken script, a checksum mismatch) still stops start-up: that is
 * a defect to fix, not an outage to ride out.
 */
@Component
public class SchemaMigrations {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final DatabaseCircuit circuit;
    private final List<Runnable> onReady = new ArrayList<>();
    private volatile Flyway flyway;
    private volatile boolean ready;

    SchemaMigrations(DatabaseCircuit circuit) {
        this.circuit = circuit;
    }

    /** Called by Boot with its configured Flyway at start-up. */
    void migrateOrDefer(Flyway configured) {
        this.flyway = configured;
        try {
            migrate();
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            circuit.recordUnavailable();
            log.warn("Database unavailable at start-up: the node starts and stages writes; schema migration "
                    + "runs when the database returns");
        }
    }

    /**
     * Runs the pending migrations if they have not run yet.
     *
     * @return whether the schema is ready
     */
    public synchronized boolean migrateIfPending() {
        if (ready) {
            return true;
        }
        if (flyway == null) {
            return false;
        }
        migrate();
        return ready;
    }

    /** Whether the migrations have run against the database, so the schema can be used. */
    public boolean ready() {
        return ready;
    }

    /** Runs {@code action} once the schema is ready (at once if it already is). */
    public synchronized void whenReady(Runnable action) {
        if (ready) {
            action.run();
        } else {
            onReady.add(action);
        }
    }

    private synchronized void migrate() {
        var result = flyway.migrate();
        ready = true;
        log.info("Database schema ready ({} migration(s) applied now)", result.migrationsExecuted);
        List<Runnable> actions = List.copyOf(onReady);
        onReady.clear();
        actions.forEach(Runnable::run);
    }
}
