package br.com.rhp.hospital.replay;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.SchemaMigrations;
import br.com.rhp.hospital.staging.StagingStats;
import br.com.rhp.hospital.staging.StagingStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The backlog made visible: Prometheus gauges and two health components, {@code database} (what this
 * node believes of the central database, without touching it) and {@code staging} (the backlog, with a
 * WARNING when the database is reachable but the backlog does not drain).
 */
@Configuration(proxyBeanMethods = false)
class StagingObservability {

    /** Health status of a node that works but needs attention (a backlog that does not drain). */
    static final Status WARNING = new Status("WARNING", "O banco está acessível mas as pendências não escoam");

    /** Health status of a node whose central database is down: it still accepts forms and stages them. */
    static final Status DEGRADED = new Status("DEGRADED", "Banco central indisponível: gravações guardadas neste nó");

    private static final Logger log = LoggerFactory.getLogger(StagingObservability.class);

    @Bean
    MeterBinder stagingMetrics(StagingStore staging, DatabaseCircuit circuit, Replayer replayer, Clock clock) {
        CachedStats stats = new CachedStats(staging, clock);
        return registry -> {
            gauge(
                    registry,
                    "hospital.staging.pending",
                    "Operações guardadas aguardando envio",
                    stats,
                    StagingStats::pending);
            gauge(
                    registry,
                    "hospital.staging.pending.bytes",
                    "Bytes das operações pendentes",
                    stats,
                    StagingStats::pendingBytes);
            gauge(
                    registry,
                    "hospital.staging.oldest.pending.age.seconds",
                    "Idade da operação pendente mais antiga",
                    stats,
                    s -> s.oldestPendingAge().toSeconds());
            gauge(
                    registry,
                    "hospital.staging.quarantined",
                    "Operações em quarentena",
                    stats,
                    StagingStats::quarantined);
            gauge(registry, "hospital.staging.conflicts", "Operações em conflito", stats, StagingStats::conflicts);
            gauge(
                    registry,
                    "hospital.staging.usable.bytes",
                    "Espaço livre no volume do staging",
                    stats,
                    StagingStats::usableBytes);
            Gauge.builder("hospital.database.available", circuit, c -> c.isOpen() ? 0 : 1)
                    .description("1 se o banco central está acessível para este nó")
                    .register(registry);
            Gauge.builder(
                            "hospital.replay.last.applied",
                            replayer,
                            r -> r.last() == null ? 0 : r.last().aplicadas())
                    .description("Operações aplicadas na última reexecução")
                    .register(registry);
        };
    }

    private static void gauge(
            MeterRegistry registry,
            String name,
            String description,
            CachedStats stats,
            ToDoubleFunction<StagingStats> f) {
        Gauge.builder(name, stats, s -> f.applyAsDouble(s.get()))
                .description(description)
                .register(registry);
    }

    @Bean
    HealthIndicator databaseHealthIndicator(DatabaseCircuit circuit, SchemaMigrations schema) {
        return () -> {
            Health.Builder health = circuit.isOpen() || !schema.ready() ? Health.status(DEGRADED) : Health.up();
            return health.withDetail("circuito", circuit.state().name())
                    .withDetail("desde", circuit.since().toString())
                    .withDetail("esquema_migrado", schema.ready())
                    .build();
        };
    }

    @Bean
    HealthIndicator stagingHealthIndicator(
            StagingStore staging,
            DatabaseCircuit circuit,
            Replayer replayer,
            Clock clock,
            @Value("${REPLAY_STALL_AFTER:PT30M}") Duration stallAfter) {
        return () -> {
            StagingStats s = staging.stats();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("pendentes", s.pending());
            details.put("pendente_mais_antigo_segundos", s.oldestPendingAge().toSeconds());
            details.put("quarentena", s.quarantined());
            details.put("conflitos", s.conflicts());
            details.put("espaco_livre_bytes", s.usableBytes());
            if (s.usableBytes() >= 0 && s.usableBytes() < s.minFreeBytes()) {
                return Health.down()
                        .withDetails(details)
                        .withDetail("motivo", "disco do staging cheio")
                        .build();
            }
            ReplayResult last = replayer.last();
            boolean stalled = !circuit.isOpen()
                    && s.pending() > 0
                    && s.oldestPendingAge().compareTo(stallAfter) > 0
                    && last != null
                    && last.fim().isAfter(s.oldestPendingStagedAt());
            if (stalled) {
                log.warn("The database is reachable but {} staged operation(s) are not draining", s.pending());
                return Health.status(WARNING).withDetails(details).build();
            }
            return Health.up().withDetails(details).build();
        };
    }

    /** Figures computed at most once a second, however many gauges read them. */
    private static final class CachedStats {
        private final StagingStore staging;
        private final Clock clock;
        private StagingStats value;
        private Instant at = Instant.MIN;

        CachedStats(StagingStore staging, Clock clock) {
            this.staging = staging;
            this.clock = clock;
        }

        synchronized StagingStats get() {
            Instant now = clock.instant();
            if (value == null || Duration.between(at, now).compareTo(Duration.ofSeconds(1)) >= 0) {
                value = staging.stats();
                at = now;
            }
            return value;
        }
    }
}
