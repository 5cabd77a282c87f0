package br.com.rhp.hospital.database;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * While the circuit is open, checks now and then whether the database is back — so that no user request
 * has to pay a timeout to find out. When it answers: pending migrations run, the circuit closes and
 * {@link DatabaseRecovered} is published (the replay drains the staged writes).
 */
@Component
class DatabaseProbe {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

    private final DatabaseCircuit circuit;
    private final SchemaMigrations migrations;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DatabaseProbe(
            DatabaseCircuit circuit,
            SchemaMigrations migrations,
            JdbcTemplate jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.circuit = circuit;
        this.migrations = migrations;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${DATABASE_PROBE_INTERVAL:PT2S}",
            initialDelayString = "${DATABASE_PROBE_INTERVAL:PT2S}")
    void probe() {
        if (!circuit.isOpen() && migrations.ready()) {
            return;
        }
        if (!circuit.allowRequest()) {
            return;
        }
        check();
    }

    /**
     * Tries the database once.
     *
     * @return whether it answered and the schema is ready
     */
    boolean check() {
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            if (!migrations.migrateIfPending()) {
                return false;
            }
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                log.error("Database answered but the schema could not be prepared", e);
            }
            circuit.recordUnavailable();
            return false;
        }
        if (circuit.recordSuccess()) {
            events.publishEvent(new DatabaseRecovered(clock.instant()));
        }
        return true;
    }
}
