package br.com.rhp.hospital.staging;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of a staged operation, as this node knows it.
 *
 * @param operationId the operation asked about
 * @param state where it is
 * @param reason why it is quarantined, in conflict or discarded; {@code null} otherwise
 * @param at since when it is in this state (staged, quarantined, applied, …); {@code null} when unknown
 * @param user who discarded it; {@code null} otherwise
 * @param location the file's path relative to the staging root while it exists; {@code null} once applied
 *     or discarded
 */
public record OperationStatus(UUID operationId, State state, String reason, Instant at, String user, String location) {

    public enum State {
        /** On disk, waiting for replay. */
        PENDING,
        /** Replayed and committed to the database; the file is gone. */
        APPLIED,
        /** Held for a person: unreadable or refused by a rule at replay. */
        QUARANTINED,
        /** Held for a person: contradicts what the database holds now. */
        CONFLICT,
        /** Removed by a person, with a reason. */
        DISCARDED,
        /** Never staged on this node, or its record is older than the journal keeps. */
        UNKNOWN
    }

    static OperationStatus unknown(UUID operationId) {
        return new OperationStatus(operationId, State.UNKNOWN, null, null, null, null);
    }
}
