package br.com.rhp.hospital.staging;

/**
 * A staged file as read back: either a complete record, or a file that cannot be replayed, with the
 * reason. Readers never throw for a bad file and never skip one silently: the caller decides (usually
 * {@link StagingStore#quarantine}).
 */
public sealed interface StagedEntry {

    /** Where the file is. */
    StagedFile file();

    /** A file whose content is a complete record of a known format version, consistent with its name. */
    record Readable(StagedFile file, StagedRecord record) implements StagedEntry {}

    /**
     * A file that cannot be replayed: truncated, not JSON, not UTF-8, of an unknown format version, missing
     * a field, inconsistent with its name, misplaced, or gone while it was being read.
     *
     * @param reason why, in words safe to log (never a fragment of the content)
     */
    record Unreadable(StagedFile file, String reason) implements StagedEntry {}
}
