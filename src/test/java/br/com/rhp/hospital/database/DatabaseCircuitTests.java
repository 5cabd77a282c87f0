package br.com.rhp.hospital.database;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatabaseCircuitTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final DatabaseCircuit circuit = new DatabaseCircuit(clock, Duration.ofSeconds(10));

    @Test
    void letsRequestsThroughWhileTheDatabaseAnswers() {
        assertThat(circuit.allowRequest()).isTrue();
        circuit.recordSuccess();
        assertThat(circuit.state()).isEqualTo(DatabaseCircuit.State.CLOSED);
    }

    @Test
    void opensOnUnavailabilityAndRefusesUntilTheRetryTime() {
        circuit.recordUnavailable();
        assertThat(circuit.isOpen()).isTrue();
        assertThat(circuit.allowRequest()).isFalse();
        clock.advance(Duration.ofSeconds(9));
        assertThat(circuit.allowRequest()).isFalse();
        assertThat(circuit.retryAfterSeconds()).isBetween(1L, 2L);
    }

    @Test
    void letsOneTrialThroughAfterTheIntervalAndClosesOnSuccess() {
        circuit.recordUnavailable();
        clock.advance(Duration.ofSeconds(10));
        assertThat(circuit.allowRequest()).isTrue();
        assertThat(circuit.state()).isEqualTo(DatabaseCircuit.State.HALF_OPEN);
        assertThat(circuit.allowRequest()).as("only one trial at a time").isFalse();
        circuit.recordSuccess();
        assertThat(circuit.state()).isEqualTo(DatabaseCircuit.State.CLOSED);
        assertThat(circuit.allowRequest()).isTrue();
    }

    @Test
    void reopensWhenTheTrialFailsAndKeepsTheOutageStart() {
        Instant start = clock.instant();
        circuit.recordUnavailable();
        clock.advance(Duration.ofSeconds(10));
        assertThat(circuit.allowRequest()).isTrue();
        circuit.recordUnavailable();
        assertThat(circuit.state()).isEqualTo(DatabaseCircuit.State.OPEN);
        assertThat(circuit.since()).isEqualTo(start);
        assertThat(circuit.allowRequest()).isFalse();
    }

    @Test
    void allowsAnotherTrialWhenTheFirstNeverReported() {
        circuit.recordUnavailable();
        clock.advance(Duration.ofSeconds(10));
        assertThat(circuit.allowRequest()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(circuit.allowRequest()).isTrue();
    }
}
