/**
 * The durable local store that keeps each write a user submitted while the central database cannot take
 * it, until replay applies it.
 *
 * <p><b>Guarantee.</b> A file visible under {@code <root>/<action>/<entity>/<yyyy>/<mm>/<dd>/} is complete
 * and on disk: it was written as {@code <name>.json.tmp} in that folder, flushed, renamed atomically and its
 * folder flushed before {@link br.com.rhp.hospital.staging.StagingStore#stage} acknowledged it. A write that
 * could not be made durable is refused ({@link br.com.rhp.hospital.staging.NotStaged}), never acknowledged.
 *
 * <p><b>Layout.</b> {@code <root>/create|update/<entity>/<yyyy>/<mm>/<dd>/<name>.json} (UTC date) for
 * pending files; {@code <root>/quarantine/…} and {@code <root>/conflicts/…}, same relative path, for files
 * held for a person, each with a {@code <name>.reason.json} beside it; {@code <root>/journal/<date>.jsonl}
 * for what became of operations whose file is gone; {@code <root>/sequence.json} for the sequence.
 *
 * <p><b>Names.</b> {@code <yyyyMMdd'T'HHmmss.nnnnnnnnn'Z'>-<node>-<sequence, 12+ digits>-<operation_id>.json}:
 * unique even within one millisecond or after the clock steps back, because the per-node sequence is; the
 * operation id makes a file findable without reading it.
 *
 * <p><b>Format.</b> UTF-8 JSON. {@code format_version} 2 when a key is configured: the payload is
 * AES-256-GCM ciphertext authenticated together with the clear metadata ({@link
 * br.com.rhp.hospital.staging.StagingEncryption}); 1 without a key: the payload in clear. Readers read both
 * and refuse any other version. Every field is described in {@code docs/STAGING-FORMAT.md}, which also
 * states key rotation and what durability holds on Linux and on Windows.
 *
 * <p>This package depends on no domain package and not on the write path: it stores entity, action and
 * command names, ids and a JSON payload.
 */
package br.com.rhp.hospital.staging;
