package br.com.rhp.hospital.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What this node currently believes about the central database: a circuit breaker.
 *
 * <p>CLOSED: requests try the database. After a failure that means "unavailable" the circuit OPENs:
 * for {@code DATABASE_RETRY_INTERVAL} every write is staged at once and every read answers 503
 * without waiting on a dead connection. Then one request (or the health probe) is let through to try
 * again (HALF_OPEN): success closes the circuit, failure opens it again.
 */
@Component
public class DatabaseCircuit {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCircuit.class);

    /** The circuit's states. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private record Status(State state, Instant since, Instant retryAt) {}

    private final Clock clock;
    private final Duration retryInterval;
    private final AtomicReference<Status> status;

    public DatabaseCircuit(Clock clock, @Value("${DATABASE_RETRY_INTERVAL:PT10S}") Duration retryInterval) {
        this.clock = clock;
        this.retryInterval = retryInterval;
        this.status = new AtomicReference<>(new Status(State.CLOSED, clock.instant(), null));
    }

    /**
     * Whether a request may try the database now. While OPEN, the first caller after the retry time
     * is let through as the trial (HALF_OPEN); the others are refused until it reports.
     */
    public boolean allowRequest() {
        while (true) {
            Status current = status.get();
            switch (current.state()) {
                case CLOSED:
                    return true;
                case HALF_OPEN:
                    // a trial is in flight; if it never reported, allow another after the interval
                    if (clock.instant().isBefore(current.retryAt())) {
                        return false;
                    }
                    break;
                case OPEN:
                    if (clock.instant().isBefore(current.retryAt())) {
                        return false;
                    }
                    break;
            }
            Status trial =
                    new Status(State.HALF_OPEN, current.since(), clock.instant().plus(retryInterval));
            if (status.compareAndSet(current, trial)) {
                return true;
            }
        }
    }

    /**
     * The database answered.
     *
     * @return whether this closed the circuit (the database has just come back)
     */
    public boolean recordSuccess() {
        Status current = status.get();
        if (current.state() != State.CLOSED
                && status.compareAndSet(current, new Status(State.CLOSED, clock.instant(), null))) {
            log.info("Central database reachable again after {}", Duration.between(current.since(), clock.instant()));
            return true;
        }
        return false;
    }

    /** The database could not be reached or did not answer in time. */
    public void recordUnavailable() {
        Instant now = clock.instant();
        Status current = status.get();
        Instant since = current.state() == State.CLOSED ? now : current.since();
        status.set(new Status(State.OPEN, since, now.plus(retryInterval)));
        if (current.state() == State.CLOSED) {
            log.warn("Central database unavailable: writes are staged on this node, reads answer 503");
        }
    }

    public State state() {
        return status.get().state();
    }

    /** Whether the database is believed to be down (OPEN or on trial). */
    public boolean isOpen() {
        return status.get().state() != State.CLOSED;
    }

    /** Since when the database has been in the current state. */
    public Instant since() {
        return status.get().since();
    }

    /** Seconds a client should wait before trying a read again. */
    public long retryAfterSeconds() {
        Status current = status.get();
        if (current.retryAt() == null) {
            return 0;
        }
        return Math.max(1, Duration.between(clock.instant(), current.retryAt()).toSeconds() + 1);
    }
}
