package br.com.rhp.hospital.write;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a write saved on this node while the central database is unavailable (HTTP 202): keep
 * the {@code operation_id} to follow it at {@code /api/staging/operations/{operation_id}}.
 *
 * @param recurso where the record will be once applied
 */
public record Receipt(
        UUID operationId,
        String entity,
        String action,
        UUID entityId,
        String status,
        Instant stagedAt,
        String recurso) {

    static Receipt of(WriteResult.Staged staged, String collectionPath) {
        return new Receipt(
                staged.operationId(),
                staged.entity(),
                staged.action().key(),
                staged.entityId(),
                staged.status(),
                staged.stagedAt(),
                collectionPath + "/" + staged.entityId());
    }
}
