package br.com.rhp.hospital.staging;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * Where a staged file is and what its path and name say about it, known without reading its content.
 *
 * @param area the area the file is in
 * @param relativePath {@code <action>/<entity>/<yyyy>/<mm>/<dd>/<file>.json} relative to the area, with
 *     {@code /} separators; the same in every area, so a file keeps it when it is quarantined or released
 * @param action {@code create} or {@code update}; {@code null} when the file is not where the layout puts
 *     files
 * @param entity the entity partition; {@code null} when the file is not where the layout puts files
 * @param operationId from the file name; {@code null} when the name does not follow the grammar
 * @param sequence from the file name; {@code -1} when the name does not follow the grammar
 * @param stagedAt from the file name, or the file's modification time when the name does not follow the
 *     grammar
 * @param bytes the file's size when it was listed
 */
public record StagedFile(
        Area area,
        String relativePath,
        String action,
        String entity,
        UUID operationId,
        long sequence,
        Instant stagedAt,
        long bytes) {

    /**
     * The order in which the node accepted the writes: by sequence, then by file name. Files whose name
     * cannot be parsed come first, so that they are reported without waiting for the whole backlog.
     */
    public static final Comparator<StagedFile> ACCEPTANCE_ORDER = Comparator.comparingLong(StagedFile::sequence)
            .thenComparing(StagedFile::fileName)
            .thenComparing(StagedFile::relativePath);

    /** The last segment of the path. */
    public String fileName() {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    /** The path relative to the staging root, area folder included ({@code quarantine/create/…}). */
    public String location() {
        return area.prefixed(relativePath);
    }

    /** Whether the path and name follow the layout and the grammar, so the file can be read. */
    public boolean wellFormed() {
        return action != null && operationId != null;
    }

    StagedFile in(Area other) {
        return new StagedFile(other, relativePath, action, entity, operationId, sequence, stagedAt, bytes);
    }
}
