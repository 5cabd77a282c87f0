package br.com.rhp.hospital.staging;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The content of a staged file (docs/STAGING-FORMAT.md describes each field), with the payload in clear
 * whatever the version of the file: an encrypted payload is decrypted when the file is read.
 *
 * @param formatVersion the version of the file: 1 or 3 (payload in clear on disk), 2 or 4 (payload
 *     encrypted); 3 and 4 carry the client's address
 * @param operationId the key of the {@code applied_operations} ledger
 * @param nodeId the node that accepted the write
 * @param sequence the node's acceptance order, unique per staging area
 * @param entity the entity partition ({@code paciente}, {@code leito}, …)
 * @param action {@code create} or {@code update}
 * @param command the kind of change ({@code criar}, {@code alterar}, {@code mudar-status}, …)
 * @param entityId the record created or changed
 * @param baseVersion the version the user saw, for updates; {@code null} for creates
 * @param user who submitted it
 * @param clientAddress the address it was submitted from; {@code null} in versions 1 and 2, or when
 *     there was no request
 * @param ocorridoEm when it happened, as the user stated it; may be {@code null}
 * @param registradoEm the node's clock when the user submitted it
 * @param stagedAt the node's clock when it was staged
 * @param payload the request body, as JSON
 */
public record StagedRecord(
        int formatVersion,
        UUID operationId,
        String nodeId,
        long sequence,
        String entity,
        String action,
        String command,
        UUID entityId,
        Long baseVersion,
        String user,
        String clientAddress,
        Instant ocorridoEm,
        Instant registradoEm,
        Instant stagedAt,
        JsonNode payload) {}
