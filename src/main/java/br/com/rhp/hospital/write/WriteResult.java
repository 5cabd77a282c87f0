package br.com.rhp.hospital.write;

/** What became of a submitted write. */
public sealed interface WriteResult {

    /** Applied to the central database; {@code record} is the entity written. */
    record Applied(Object record) implements WriteResult {}
}
