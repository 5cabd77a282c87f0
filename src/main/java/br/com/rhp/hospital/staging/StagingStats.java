package br.com.rhp.hospital.staging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The backlog in figures, from the store's index: no file is read to compute them.
 *
 * @param pendingByActionAndEntity pending files per action, then per entity (sorted)
 * @param pending pending files in all
 * @param pendingBytes their size
 * @param oldestPendingStagedAt when the oldest pending file was staged; {@code null} when none is pending
 * @param oldestPendingAge how long it has waited; {@link Duration#ZERO} when none is pending
 * @param quarantined files in quarantine
 * @param quarantinedBytes their size
 * @param conflicts files in the conflict area
 * @param conflictBytes their size
 * @param usableBytes free space on the staging volume; {@code -1} when it cannot be read
 * @param minFreeBytes below this free space, staging refuses writes
 */
public record StagingStats(
        Map<String, Map<String, Long>> pendingByActionAndEntity,
        long pending,
        long pendingBytes,
        Instant oldestPendingStagedAt,
        Duration oldestPendingAge,
        long quarantined,
        long quarantinedBytes,
        long conflicts,
        long conflictBytes,
        long usableBytes,
        long minFreeBytes) {

    /** Bytes held in all three areas. */
    public long totalBytes() {
        return pendingBytes + quarantinedBytes + conflictBytes;
    }
}
