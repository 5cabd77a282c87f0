package br.com.rhp.hospital.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operations, stores and file listings for the staging tests. */
final class StagingFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant T0 = Instant.parse("2026-11-27T02:10:03.123456789Z");
    static final String NODE = "enfermaria-2";

    private StagingFixtures() {}

    static StagingStore open(Path root, Clock clock) {
        return StagingStore.open(StagingSettings.of(root), NODE, clock);
    }

    static StagingStore open(Path root, Clock clock, StagingDisk disk) {
        return StagingStore.open(StagingSettings.of(root), NODE, clock, disk);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static OperationToStage create(String entity, String payload) {
        return new OperationToStage(
                UUID.randomUUID(),
                entity,
                OperationToStage.CREATE,
                "criar",
                UUID.randomUUID(),
                null,
                "enf.maria",
                "10.0.0.7",
                null,
                T0,
                json(payload));
    }

    static OperationToStage update(String entity, UUID entityId, long baseVersion, String payload) {
        return new OperationToStage(
                UUID.randomUUID(),
                entity,
                OperationToStage.UPDATE,
                "alterar",
                entityId,
                baseVersion,
                "enf.maria",
                "10.0.0.7",
                T0.minusSeconds(3600),
                T0,
                json(payload));
    }

    static OperationToStage create(String entity) {
        return create(entity, "{\"codigo\":\"" + UUID.randomUUID() + "\"}");
    }

    /** Every regular file under {@code root}, relative, with {@code /} separators, sorted. */
    static List<String> filesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pending files whose content could be read, as records, in the order {@code pending()} gave. */
    static List<StagedRecord> readablePending(StagingStore store) {
        return store.pending().stream()
                .map(entry -> ((StagedEntry.Readable) entry).record())
                .toList();
    }
}
