package br.com.rhp.hospital.write;

import java.util.UUID;

/** What became of a submitted write. */
public sealed interface WriteResult {

    /** Applied to the central database now; {@code record} is the entity written. */
    record Applied(Object record) implements WriteResult {}

    /** The ledger shows this operation took effect before: nothing was done again. */
    record AlreadyApplied(UUID operationId, UUID entityId) implements WriteResult {}
}
