package br.com.rhp.hospital.staging;

import static br.com.rhp.hospital.staging.StagingFixtures.NODE;
import static br.com.rhp.hospital.staging.StagingFixtures.T0;
import static br.com.rhp.hospital.staging.StagingFixtures.create;
import static br.com.rhp.hospital.staging.StagingFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.staging.OperationStatus.State;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture files for every way a staged file can be damaged (src/test/resources/staging-fixtures): each
 * is reported with its reason, never thrown and never skipped, while the good files are listed.
 */
class UnreadableStagedFilesTests {

    private static final UUID VALID_ID = UUID.fromString("0193a6f0-6c1e-7b2a-9f3d-2b7c1e5a9d10");
    private static final String PARTITION = "create/paciente/2026/11/27/";

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void readsAHandWrittenRecordOfTheDocumentedFormat() throws IOException {
        place("valid.json", PARTITION, 42, VALID_ID);

        StagedEntry entry = open(root, clock).pending().get(0);

        assertThat(entry).isInstanceOfSatisfying(StagedEntry.Readable.class, readable -> {
            StagedRecord record = readable.record();
            assertThat(record.operationId()).isEqualTo(VALID_ID);
            assertThat(record.nodeId()).isEqualTo(NODE);
            assertThat(record.sequence()).isEqualTo(42);
            assertThat(record.entity()).isEqualTo("paciente");
            assertThat(record.action()).isEqualTo("create");
            assertThat(record.command()).isEqualTo("criar");
            assertThat(record.baseVersion()).isNull();
            assertThat(record.user()).isEqualTo("enf.maria");
            assertThat(record.ocorridoEm()).isNull();
            assertThat(record.registradoEm()).isEqualTo(Instant.parse("2026-11-27T02:10:03.120Z"));
            assertThat(record.stagedAt()).isEqualTo(T0);
            assertThat(record.payload().get("nome").stringValue()).isEqualTo("João da Conceição");
        });
    }

    @Test
    void reportsEachDamagedFileWithItsReasonAndListsTheGoodOnes() throws IOException {
        place("truncated.json", PARTITION, 10, UUID.randomUUID());
        place("garbage.bin", PARTITION, 11, UUID.randomUUID());
        place("unknown-version.json", PARTITION, 12, UUID.randomUUID());
        place("missing-field.json", PARTITION, 13, UUID.randomUUID());
        place("wrong-type.json", PARTITION, 14, UUID.randomUUID());
        place("empty.json", PARTITION, 15, UUID.randomUUID());
        place("trailing-content.json", PARTITION, 16, UUID.randomUUID());
        place("valid.json", PARTITION, 42, VALID_ID);
        StagingStore store = open(root, clock);
        UUID staged = store.stage(create("leito")).operationId();

        List<StagedEntry> pending = store.pending();

        assertThat(pending)
                .extracting(e -> e.file().sequence())
                .containsExactly(
                        10L,
                        11L,
                        12L,
                        13L,
                        14L,
                        15L,
                        16L,
                        42L,
                        pending.get(8).file().sequence());
        assertThat(pending.subList(0, 7)).allSatisfy(e -> assertThat(e).isInstanceOf(StagedEntry.Unreadable.class));
        assertThat(pending.subList(7, 9))
                .extracting(e -> ((StagedEntry.Readable) e).record().operationId())
                .containsExactly(VALID_ID, staged);
        List<String> reasons = pending.subList(0, 7).stream()
                .map(e -> ((StagedEntry.Unreadable) e).reason())
                .toList();
        assertThat(reasons.get(0)).startsWith("truncated JSON");
        assertThat(reasons.get(1)).startsWith("not valid UTF-8");
        assertThat(reasons.get(2)).isEqualTo("unknown format_version 9; this reader knows 1 to 4");
        assertThat(reasons.get(3)).isEqualTo("missing field entity_id");
        assertThat(reasons.get(4)).isEqualTo("sequence must be a positive integer");
        assertThat(reasons.get(5)).isEqualTo("empty file");
        assertThat(reasons.get(6)).startsWith("invalid JSON at line");
        // reasons are logged and shown to administrators: never a fragment of a patient's data
        assertThat(reasons).noneMatch(r -> r.contains("Conc") || r.contains("João") || r.contains("5299"));
    }

    @Test
    void reportsAFileThatVanishesWhileBeingRead() {
        FaultyDisk disk = new FaultyDisk();
        StagingStore store = open(root, clock, disk);
        StagingReceipt gone = store.stage(create("paciente"));
        StagingReceipt kept = store.stage(create("paciente"));
        disk.vanishOnRead(root.resolve(gone.relativePath()));

        List<StagedEntry> pending = store.pending();

        assertThat(pending.get(0))
                .isInstanceOfSatisfying(
                        StagedEntry.Unreadable.class,
                        e -> assertThat(e.reason()).contains("vanished"));
        assertThat(pending.get(1)).isInstanceOf(StagedEntry.Readable.class);
        assertThat(store.quarantine(pending.get(0), "ilegível")).isFalse();
        assertThat(store.pending()).extracting(e -> e.file().operationId()).containsExactly(kept.operationId());
    }

    @Test
    void reportsANameAndContentThatDisagree() throws IOException {
        place("valid.json", PARTITION, 43, VALID_ID);
        place("valid.json", PARTITION, 42, UUID.randomUUID());
        place("valid.json", "update/paciente/2026/11/27/", 42, VALID_ID);
        place("valid.json", "create/leito/2026/11/27/", 42, VALID_ID);

        List<StagedEntry> pending = open(root, clock).pending();

        assertThat(pending)
                .map(e -> ((StagedEntry.Unreadable) e)
                        .reason()
                        .replace("file name or folder and content disagree on ", ""))
                .containsExactlyInAnyOrder("sequence", "operation_id", "action", "entity");
    }

    @Test
    void reportsFilesOutsideTheLayoutOrWithAnUnknownName() throws IOException {
        Files.createDirectories(root.resolve(PARTITION));
        copy("valid.json", root.resolve("create/paciente/solto.json"));
        copy("valid.json", root.resolve(PARTITION + "formulario.json"));

        List<StagedEntry> pending = open(root, clock).pending();

        assertThat(pending)
                .map(e -> ((StagedEntry.Unreadable) e).reason())
                .anySatisfy(r -> assertThat(r).startsWith("not where the layout puts staged files"))
                .anySatisfy(r -> assertThat(r).startsWith("file name does not follow"));
    }

    @Test
    void quarantinesUnreadableFilesSoThatTheRestReplays() throws IOException {
        UUID truncated = UUID.randomUUID();
        place("truncated.json", PARTITION, 10, truncated);
        place("unknown-version.json", PARTITION, 11, UUID.randomUUID());
        Files.createDirectories(root.resolve("create/paciente"));
        copy("valid.json", root.resolve("create/paciente/solto.json"));
        StagingStore store = open(root, clock);
        store.stage(create("leito"));

        for (StagedEntry entry : store.pending()) {
            if (entry instanceof StagedEntry.Unreadable unreadable) {
                assertThat(store.quarantine(entry, unreadable.reason())).isTrue();
            }
        }

        assertThat(store.pending()).singleElement().isInstanceOf(StagedEntry.Readable.class);
        assertThat(store.entries(Area.QUARANTINE))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e).isInstanceOf(StagedEntry.Unreadable.class));
        OperationStatus status = open(root, clock).status(truncated);
        assertThat(status.state()).isEqualTo(State.QUARANTINED);
        assertThat(status.reason()).startsWith("truncated JSON");
        assertThat(store.stats().quarantined()).isEqualTo(3);
    }

    private void place(String fixture, String folder, long sequence, UUID operationId) throws IOException {
        Path directory = root.resolve(folder);
        Files.createDirectories(directory);
        copy(fixture, directory.resolve(FileNames.name(T0, NODE, sequence, operationId)));
    }

    private static void copy(String fixture, Path target) throws IOException {
        try (InputStream in = UnreadableStagedFilesTests.class.getResourceAsStream("/staging-fixtures/" + fixture)) {
            Files.copy(in, target);
        }
    }
}
