package br.com.rhp.hospital.write;

import java.time.Instant;
import java.util.UUID;

/** What became of a submitted write. */
public sealed interface WriteResult {

    /** Applied to the central database now; {@code record} is the entity written, {@code entityId} its id. */
    record Applied(Object record, UUID entityId) implements WriteResult {}

    /** The ledger shows this operation took effect before: nothing was done again. */
    record AlreadyApplied(UUID operationId, UUID entityId) implements WriteResult {}

    /**
     * Saved durably on this node's disk, to be applied to the central database by the replay. Nothing is
     * known yet about whether the hospital's rules will accept it there.
     *
     * @param status {@code PENDING}, or {@code QUARANTINED} / {@code CONFLICT} when the same submission
     *     (same {@code Idempotency-Key}) was staged before and is now held for a person
     */
    record Staged(UUID operationId, String entity, Action action, UUID entityId, Instant stagedAt, String status)
            implements WriteResult {

        public Staged(UUID operationId, String entity, Action action, UUID entityId, Instant stagedAt) {
            this(operationId, entity, action, entityId, stagedAt, "PENDING");
        }
    }
}
