package br.com.rhp.hospital.staging;

import java.time.Instant;
import java.util.UUID;

/**
 * Proof that an operation is on disk: returned by {@link StagingStore#stage} only after the file, its
 * rename and its directory entry were flushed.
 *
 * @param operationId the operation staged
 * @param sequence its place in this node's acceptance order
 * @param stagedAt the node's clock when it was staged
 * @param relativePath {@code <action>/<entity>/<yyyy>/<mm>/<dd>/<file>.json}, relative to the staging root,
 *     with {@code /} separators on every operating system
 */
public record StagingReceipt(UUID operationId, long sequence, Instant stagedAt, String relativePath) {}
