package br.com.rhp.hospital.staging;

import static br.com.rhp.hospital.staging.StagingFixtures.NODE;
import static br.com.rhp.hospital.staging.StagingFixtures.T0;
import static br.com.rhp.hospital.staging.StagingFixtures.create;
import static br.com.rhp.hospital.staging.StagingFixtures.filesUnder;
import static br.com.rhp.hospital.staging.StagingFixtures.json;
import static br.com.rhp.hospital.staging.StagingFixtures.open;
import static br.com.rhp.hospital.staging.StagingFixtures.readablePending;
import static br.com.rhp.hospital.staging.StagingFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.staging.OperationStatus.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StagingStoreTests {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);

    // ------------------------------------------------------------------ writing

    @Test
    void listsAnAreaFromItsIndexInAcceptanceOrderAsTheDiskListingDoes() throws IOException {
        StagingStore first = open(root, clock);
        for (int i = 0; i < 3; i++) {
            first.stage(create("unidade"));
        }
        StagingStore store = open(root, clock); // reopened: the index comes from the names on disk
        store.stage(create("leito"));
        store.quarantine(store.pending().get(1), "regra");

        assertThat(store.indexed(Area.PENDING)).containsExactlyElementsOf(store.files(Area.PENDING));
        assertThat(store.indexed(Area.PENDING))
                .hasSize(3)
                .isSortedAccordingTo(StagedFile.ACCEPTANCE_ORDER)
                .extracting(StagedFile::entity)
                .containsExactly("unidade", "unidade", "leito");
        assertThat(store.indexed(Area.QUARANTINE)).containsExactlyElementsOf(store.files(Area.QUARANTINE));
        assertThat(store.indexed(Area.CONFLICTS)).isEmpty();
    }

    @Test
    void keepsAccentedTextAsExactUtf8AndReadsItBack() throws IOException {
        StagingStore store = open(root, clock);
        String nome = "João da Conceição Gonçalves";
        OperationToStage operation =
                create("paciente", "{\"nome\":\"" + nome + "\",\"observacao\":\"alergia à dipirona; ½ comprimido\"}");

        StagingReceipt receipt = store.stage(operation);

        byte[] bytes = Files.readAllBytes(root.resolve(receipt.relativePath()));
        assertThat(indexOf(bytes, nome.getBytes(StandardCharsets.UTF_8))).isPositive();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\\u00");
        StagedRecord record = readablePending(store).get(0);
        assertThat(record.payload().get("nome").stringValue()).isEqualTo(nome);
        assertThat(record.payload()).isEqualTo(operation.payload());
    }

    @Test
    void writesEveryFieldOfTheRecordInSnakeCase() throws IOException {
        StagingStore store = open(root, clock);
        UUID id = UUID.randomUUID();
        OperationToStage operation = update("leito", id, 7, "{\"status\":\"HIGIENIZACAO\"}");

        StagingReceipt receipt = store.stage(operation);

        JsonNode written = json(Files.readString(root.resolve(receipt.relativePath())));
        assertThat(written.propertyNames())
                .containsExactly(
                        "format_version",
                        "operation_id",
                        "node_id",
                        "sequence",
                        "entity",
                        "action",
                        "command",
                        "entity_id",
                        "base_version",
                        "user",
                        "client_address",
                        "ocorrido_em",
                        "registrado_em",
                        "staged_at",
                        "payload");
        assertThat(written.get("format_version").intValue()).isEqualTo(3);
        assertThat(written.get("client_address").stringValue()).isEqualTo("10.0.0.7");
        assertThat(written.get("operation_id").stringValue())
                .isEqualTo(operation.operationId().toString());
        assertThat(written.get("node_id").stringValue()).isEqualTo(NODE);
        assertThat(written.get("sequence").longValue()).isEqualTo(receipt.sequence());
        assertThat(written.get("entity").stringValue()).isEqualTo("leito");
        assertThat(written.get("action").stringValue()).isEqualTo("update");
        assertThat(written.get("command").stringValue()).isEqualTo("alterar");
        assertThat(written.get("entity_id").stringValue()).isEqualTo(id.toString());
        assertThat(written.get("base_version").longValue()).isEqualTo(7);
        assertThat(written.get("user").stringValue()).isEqualTo("enf.maria");
        assertThat(written.get("ocorrido_em").stringValue()).isEqualTo("2026-11-27T01:10:03.123456789Z");
        assertThat(written.get("registrado_em").stringValue()).isEqualTo("2026-11-27T02:10:03.123456789Z");
        assertThat(written.get("staged_at").stringValue())
                .isEqualTo(receipt.stagedAt().toString());
        assertThat(written.get("payload")).isEqualTo(json("{\"status\":\"HIGIENIZACAO\"}"));

        StagedRecord readBack = readablePending(open(root, clock)).get(0);
        assertThat(readBack.baseVersion()).isEqualTo(7L);
        assertThat(readBack.ocorridoEm()).isEqualTo(Instant.parse("2026-11-27T01:10:03.123456789Z"));
    }

    @Test
    void writesACreateWithNullBaseVersionAndOcorridoEm() throws IOException {
        StagingStore store = open(root, clock);

        StagingReceipt receipt = store.stage(create("unidade"));

        JsonNode written = json(Files.readString(root.resolve(receipt.relativePath())));
        assertThat(written.get("base_version").isNull()).isTrue();
        assertThat(written.get("ocorrido_em").isNull()).isTrue();
    }

    @Test
    void placesFilesUnderActionEntityAndUtcDateWithTheNameGrammar() {
        // 23:30 in Recife is already the next day in UTC
        clock.set(Instant.parse("2026-11-28T02:30:00.000001Z"));
        StagingStore store = open(root, clock);
        OperationToStage operation = create("paciente");

        StagingReceipt receipt = store.stage(operation);

        assertThat(receipt.relativePath())
                .isEqualTo("create/paciente/2026/11/28/20261128T023000.000001000Z-" + NODE + "-"
                        + String.format("%012d", receipt.sequence()) + "-" + operation.operationId() + ".json");
        assertThat(receipt.operationId()).isEqualTo(operation.operationId());
        assertThat(receipt.stagedAt()).isEqualTo(clock.instant());
        assertThat(Files.isRegularFile(root.resolve(receipt.relativePath()))).isTrue();
    }

    @Test
    void makesFilesAndFoldersPrivateToTheServiceAccount() throws IOException {
        StagingStore store = open(root, clock);

        store.stage(create("paciente"));
        store.stage(create("leito"));
        store.stage(create("unidade"));
        List<StagedEntry> pending = store.pending();
        store.quarantine(pending.get(0), "regra");
        store.conflict(pending.get(1), "conflito");
        store.markApplied(pending.get(2));

        List<Path> all;
        try (Stream<Path> paths = Files.walk(root)) {
            all = paths.toList();
        }
        assertThat(all).filteredOn(Files::isRegularFile).hasSizeGreaterThanOrEqualTo(6);
        assertThat(all)
                .allSatisfy(path -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                        .as(root.relativize(path).toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }

    @Test
    void neverReusesANameForManyWritesInOneMillisecondOrAfterTheClockStepsBack() {
        // names and order do not depend on fsync, which would make 10,000 writes take a minute
        StagingStore store = open(root, clock, new FaultyDisk().withoutFlushes());
        List<UUID> staged = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            OperationToStage operation = create("leito", "{\"i\":" + i + "}");
            paths.add(store.stage(operation).relativePath());
            staged.add(operation.operationId());
        }
        clock.set(T0.minus(Duration.ofHours(2))); // the clock steps back: NTP, a wrong BIOS clock
        for (int i = 0; i < 100; i++) {
            OperationToStage operation = create("leito", "{\"j\":" + i + "}");
            paths.add(store.stage(operation).relativePath());
            staged.add(operation.operationId());
        }

        assertThat(paths).hasSize(10_100);
        assertThat(filesUnder(root).stream().filter(f -> f.startsWith("create/")))
                .hasSize(10_100);
        List<StagedRecord> pending = readablePending(store);
        assertThat(pending).extracting(StagedRecord::operationId).containsExactlyElementsOf(staged);
        assertThat(pending.get(10_000).payload().get("j").intValue()).isZero();
    }

    @Test
    void losesNothingWhenManyThreadsStageAtOnce() throws Exception {
        StagingStore store = open(root, clock);
        int threads = 4;
        int each = 40;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<StagingReceipt>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String entity = t % 2 == 0 ? "paciente" : "leito";
            Callable<List<StagingReceipt>> task = () -> {
                start.await();
                List<StagingReceipt> receipts = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    receipts.add(store.stage(create(entity)));
                }
                return receipts;
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<StagingReceipt> receipts = new ArrayList<>();
        for (Future<List<StagingReceipt>> future : futures) {
            receipts.addAll(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(receipts).extracting(StagingReceipt::sequence).doesNotHaveDuplicates();
        List<StagedRecord> pending = readablePending(open(root, clock));
        assertThat(pending).hasSize(threads * each);
        assertThat(pending)
                .extracting(StagedRecord::operationId)
                .containsExactlyInAnyOrderElementsOf(
                        receipts.stream().map(StagingReceipt::operationId).toList());
        assertThat(pending).extracting(StagedRecord::sequence).isSorted();
    }

    @Test
    void mergesAllPartitionsInTheOrderTheNodeAcceptedTheWrites() {
        StagingStore store = open(root, clock);
        UUID unidade = UUID.randomUUID();
        UUID leito = UUID.randomUUID();
        List<OperationToStage> accepted = List.of(
                create("unidade"),
                create("leito"),
                update("unidade", unidade, 0, "{\"nome\":\"UTI 2\"}"),
                create("paciente"),
                update("leito", leito, 1, "{\"status\":\"BLOQUEADO\"}"),
                create("unidade"),
                create("atendimento"));
        List<Instant> times = List.of(
                T0,
                T0.plusMillis(1),
                T0.plus(Duration.ofDays(1)), // another date folder
                T0.plus(Duration.ofDays(1)),
                T0.minus(Duration.ofDays(3)), // the clock stepped back across days
                T0.plus(Duration.ofDays(40)),
                T0);
        for (int i = 0; i < accepted.size(); i++) {
            clock.set(times.get(i));
            store.stage(accepted.get(i));
        }

        assertThat(readablePending(store))
                .extracting(StagedRecord::operationId)
                .containsExactlyElementsOf(
                        accepted.stream().map(OperationToStage::operationId).toList());
        assertThat(store.files(Area.PENDING)).extracting(StagedFile::sequence).isSorted();
    }

    @Test
    void continuesTheSequenceAfterReopening() {
        StagingStore first = open(root, clock);
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = first.stage(create("leito")).sequence();
        }

        StagingStore second = open(root, clock);
        long next = second.stage(create("leito")).sequence();

        assertThat(next).isGreaterThan(last);
        assertThat(readablePending(second)).extracting(StagedRecord::sequence).isSorted();
    }

    @Test
    void continuesTheSequenceWhenItsStateFileIsLostOrDamaged() throws IOException {
        StagingStore first = open(root, clock);
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = first.stage(create("leito")).sequence();
        }
        Files.delete(root.resolve("sequence.json"));
        long afterLoss = open(root, clock).stage(create("leito")).sequence();
        Files.writeString(root.resolve("sequence.json"), "{\"format_version\":1,\"reserv");
        long afterDamage = open(root, clock).stage(create("leito")).sequence();

        assertThat(afterLoss).isGreaterThan(last);
        assertThat(afterDamage).isGreaterThan(afterLoss);
    }

    @Test
    void continuesTheSequenceFromTheJournalWhenEveryFileWasAppliedAndTheStateFileIsLost() throws IOException {
        StagingStore first = open(root, clock);
        long last = first.stage(create("leito")).sequence();
        first.markApplied(first.pending());
        Files.delete(root.resolve("sequence.json"));

        long next = open(root, clock).stage(create("leito")).sequence();

        assertThat(next).isGreaterThan(last);
    }

    @Test
    void refusesToOpenAStateFileOfAnUnknownFormatVersion() throws IOException {
        Files.writeString(root.resolve("sequence.json"), "{\"format_version\":2,\"reserved_until\":5}");

        assertThatThrownBy(() -> open(root, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format_version 2");
    }

    @Test
    void refusesToStageWhenTheVolumeIsNearlyFullAndWritesNothing() {
        FaultyDisk disk = new FaultyDisk().usableSpace(StagingSettings.DEFAULT_MIN_FREE_BYTES - 1);
        StagingStore store = open(root, clock, disk);
        List<String> before = filesUnder(root);

        assertThatThrownBy(() -> store.stage(create("paciente")))
                .isInstanceOf(StagingFull.class)
                .isInstanceOf(NotStaged.class)
                .hasMessageContaining("STAGING_MIN_FREE_BYTES");

        assertThat(filesUnder(root)).isEqualTo(before);
        assertThat(store.pending()).isEmpty();
        disk.usableSpace(StagingSettings.DEFAULT_MIN_FREE_BYTES);
        store.stage(create("paciente"));
        assertThat(store.pending()).hasSize(1);
    }

    @Test
    void refusesAnOperationIdAlreadyStaged() {
        StagingStore store = open(root, clock);
        OperationToStage operation = create("paciente");
        store.stage(operation);

        assertThatThrownBy(() -> store.stage(operation)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.pending()).hasSize(1);
    }

    @Test
    void refusesAPayloadTreeHoldingAJavaObject() {
        ObjectNode payload = StagingFixtures.JSON.createObjectNode();
        payload.putPOJO("form", new Object());

        assertThatThrownBy(() -> new OperationToStage(
                        UUID.randomUUID(),
                        "paciente",
                        "create",
                        "criar",
                        UUID.randomUUID(),
                        null,
                        "u",
                        null,
                        null,
                        T0,
                        payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain JSON tree");
    }

    @Test
    void neverListsTemporaryFiles() throws IOException {
        StagingStore store = open(root, clock);
        StagingReceipt receipt = store.stage(create("paciente"));
        Path folder = root.resolve(receipt.relativePath()).getParent();
        Files.writeString(
                folder.resolve("20261127T021003.123456789Z-x-000000000009-" + UUID.randomUUID() + ".json.tmp"),
                "{\"format_version\":1");
        Files.writeString(folder.resolve("Thumbs.db"), "windows");

        assertThat(store.pending())
                .singleElement()
                .satisfies(entry -> assertThat(entry.file().relativePath()).isEqualTo(receipt.relativePath()));
    }

    // ------------------------------------------------------------------ outcomes and status

    @Test
    void forgetsTheFileOnceAppliedButStillAnswersItsStatus() {
        StagingStore store = open(root, clock);
        StagingReceipt receipt = store.stage(create("paciente"));
        assertThat(store.status(receipt.operationId()).state()).isEqualTo(State.PENDING);
        clock.advance(Duration.ofMinutes(5));

        store.markApplied(store.pending().get(0));

        assertThat(root.resolve(receipt.relativePath())).doesNotExist();
        OperationStatus status = store.status(receipt.operationId());
        assertThat(status.state()).isEqualTo(State.APPLIED);
        assertThat(status.at()).isEqualTo(clock.instant());
        assertThat(status.location()).isNull();
        assertThat(open(root, clock).status(receipt.operationId()).state()).isEqualTo(State.APPLIED);
        assertThat(store.pending()).isEmpty();
    }

    @Test
    void marksABatchAppliedAtOnce() {
        StagingStore store = open(root, clock);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.stage(create(i % 2 == 0 ? "leito" : "unidade")).operationId());
        }

        store.markApplied(store.pending());

        assertThat(store.pending()).isEmpty();
        assertThat(ids).allSatisfy(id -> assertThat(store.status(id).state()).isEqualTo(State.APPLIED));
    }

    @Test
    void quarantinesAFileWithItsReasonWhereReplayCannotMistakeItForPendingWork() throws IOException {
        StagingStore store = open(root, clock);
        StagingReceipt receipt = store.stage(create("leito"));
        StagingReceipt other = store.stage(create("leito"));

        boolean moved = store.quarantine(store.pending().get(0), "unidade inexistente");

        assertThat(moved).isTrue();
        assertThat(root.resolve(receipt.relativePath())).doesNotExist();
        Path held = root.resolve("quarantine").resolve(receipt.relativePath());
        assertThat(held).exists();
        JsonNode reason = json(Files.readString(
                held.resolveSibling(held.getFileName().toString().replace(".json", ".reason.json"))));
        assertThat(reason.get("reason").stringValue()).isEqualTo("unidade inexistente");
        assertThat(reason.get("operation_id").stringValue())
                .isEqualTo(receipt.operationId().toString());
        assertThat(store.pending()).extracting(e -> e.file().operationId()).containsExactly(other.operationId());
        assertThat(store.entries(Area.QUARANTINE))
                .singleElement()
                .satisfies(e -> assertThat(e).isInstanceOf(StagedEntry.Readable.class));
        OperationStatus status = open(root, clock).status(receipt.operationId());
        assertThat(status.state()).isEqualTo(State.QUARANTINED);
        assertThat(status.reason()).isEqualTo("unidade inexistente");
        assertThat(status.location()).isEqualTo("quarantine/" + receipt.relativePath());
    }

    @Test
    void putsAConflictInItsOwnArea() {
        StagingStore store = open(root, clock);
        StagingReceipt receipt = store.stage(update("paciente", UUID.randomUUID(), 3, "{\"nome\":\"Maria\"}"));

        store.conflict(store.pending().get(0), "versão 3 esperada, atual 4");

        assertThat(root.resolve("conflicts").resolve(receipt.relativePath())).exists();
        assertThat(store.pending()).isEmpty();
        assertThat(store.files(Area.CONFLICTS)).hasSize(1);
        OperationStatus status = store.status(receipt.operationId());
        assertThat(status.state()).isEqualTo(State.CONFLICT);
        assertThat(status.reason()).isEqualTo("versão 3 esperada, atual 4");
    }

    @Test
    void releasesAHeldFileBackToItsOriginalPlaceInTheOrder() {
        StagingStore store = open(root, clock);
        StagingReceipt first = store.stage(create("unidade"));
        StagingReceipt second = store.stage(create("leito"));
        store.conflict(store.pending().get(0), "conflito");
        StagedEntry held = store.entries(Area.CONFLICTS).get(0);

        boolean released = store.release(held, "admin");

        assertThat(released).isTrue();
        assertThat(store.pending())
                .extracting(e -> e.file().operationId())
                .containsExactly(first.operationId(), second.operationId());
        assertThat(store.status(first.operationId()).state()).isEqualTo(State.PENDING);
        assertThat(filesUnder(root)).noneMatch(f -> f.startsWith("conflicts/"));
    }

    @Test
    void discardsAHeldFileAndKeepsARecordOfWhoAndWhy() throws IOException {
        StagingStore store = open(root, clock);
        StagingReceipt receipt = store.stage(create("paciente", "{\"nome\":\"João\"}"));
        store.quarantine(store.pending().get(0), "CPF já cadastrado");
        StagedEntry held = store.entries(Area.QUARANTINE).get(0);

        boolean discarded = store.discard(held, "duplicado do prontuário 123", "admin.ana");

        assertThat(discarded).isTrue();
        assertThat(filesUnder(root)).noneMatch(f -> f.startsWith("quarantine/") || f.startsWith("create/"));
        OperationStatus status = open(root, clock).status(receipt.operationId());
        assertThat(status.state()).isEqualTo(State.DISCARDED);
        assertThat(status.reason()).isEqualTo("duplicado do prontuário 123");
        assertThat(status.user()).isEqualTo("admin.ana");
        String journal = Files.readString(root.resolve("journal/2026-11-27.jsonl"));
        assertThat(journal)
                .contains("DISCARDED", receipt.operationId().toString())
                .doesNotContain("João");
    }

    @Test
    void answersUnknownForAnOperationItNeverStaged() {
        StagingStore store = open(root, clock);

        assertThat(store.status(UUID.randomUUID()).state()).isEqualTo(State.UNKNOWN);
    }

    @Test
    void findsAnOperationByItsNameWithoutReadingAnyFile() throws IOException {
        StagingStore store = open(root, clock);
        StagingReceipt receipt = store.stage(create("paciente"));
        for (int i = 0; i < 3; i++) {
            store.stage(create("paciente"));
        }
        // if status() parsed files, this one would fail it
        Files.writeString(root.resolve(receipt.relativePath()), "not json at all");

        OperationStatus status = open(root, clock).status(receipt.operationId());

        assertThat(status.state()).isEqualTo(State.PENDING);
        assertThat(status.location()).isEqualTo(receipt.relativePath());
        assertThat(status.at()).isEqualTo(receipt.stagedAt());
    }

    @Test
    void forgetsOutcomesOlderThanTheJournalRetention() {
        StagingSettings settings = new StagingSettings(root, StagingSettings.DEFAULT_MIN_FREE_BYTES, 2, true);
        StagingStore store = StagingStore.open(settings, NODE, clock);
        UUID old = store.stage(create("leito")).operationId();
        store.markApplied(store.pending());
        clock.advance(Duration.ofDays(1));
        UUID recent = store.stage(create("leito")).operationId();
        store.markApplied(store.pending());

        clock.advance(Duration.ofDays(2));
        StagingStore reopened = StagingStore.open(settings, NODE, clock);

        assertThat(reopened.status(old).state()).isEqualTo(State.UNKNOWN);
        assertThat(reopened.status(recent).state()).isEqualTo(State.APPLIED);
        assertThat(filesUnder(root.resolve("journal"))).containsExactly("2026-11-28.jsonl");
    }

    // ------------------------------------------------------------------ figures and start-up

    @Test
    void countsTheBacklogPerActionAndEntityWithItsSizeAndAge() throws IOException {
        FaultyDisk disk = new FaultyDisk().usableSpace(5_000_000_000L);
        StagingStore store = open(root, clock, disk);
        List<StagingReceipt> receipts = new ArrayList<>();
        receipts.add(store.stage(create("unidade")));
        clock.advance(Duration.ofMinutes(1));
        receipts.add(store.stage(create("unidade")));
        receipts.add(store.stage(create("leito")));
        receipts.add(store.stage(update("leito", UUID.randomUUID(), 1, "{\"status\":\"BLOQUEADO\"}")));
        receipts.add(store.stage(update("leito", UUID.randomUUID(), 2, "{\"status\":\"DISPONIVEL\"}")));
        receipts.add(store.stage(create("paciente")));
        receipts.add(store.stage(create("paciente")));
        List<StagedEntry> pending = store.pending();
        store.quarantine(pending.get(5), "regra");
        store.conflict(pending.get(6), "conflito");
        clock.advance(Duration.ofMinutes(9));

        StagingStats stats = open(root, clock, disk).stats();
        StagingStats live = store.stats();

        assertThat(stats)
                .isEqualTo(live)
                .satisfies(s -> assertThat(s.pendingByActionAndEntity())
                        .isEqualTo(
                                Map.of("create", Map.of("unidade", 2L, "leito", 1L), "update", Map.of("leito", 2L))));
        assertThat(stats.pending()).isEqualTo(5);
        long bytes = 0;
        for (int i = 0; i < 5; i++) {
            bytes += Files.size(root.resolve(receipts.get(i).relativePath()));
        }
        assertThat(stats.pendingBytes()).isEqualTo(bytes);
        assertThat(stats.oldestPendingStagedAt()).isEqualTo(T0);
        assertThat(stats.oldestPendingAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(stats.quarantined()).isEqualTo(1);
        assertThat(stats.conflicts()).isEqualTo(1);
        assertThat(stats.quarantinedBytes())
                .isEqualTo(Files.size(
                        root.resolve("quarantine").resolve(receipts.get(5).relativePath())));
        assertThat(stats.usableBytes()).isEqualTo(5_000_000_000L);
        assertThat(stats.minFreeBytes()).isEqualTo(StagingSettings.DEFAULT_MIN_FREE_BYTES);
    }

    @Test
    void reportsAnEmptyBacklogWithZeroAge() {
        StagingStats stats = open(root, clock).stats();

        assertThat(stats.pending()).isZero();
        assertThat(stats.oldestPendingStagedAt()).isNull();
        assertThat(stats.oldestPendingAge()).isEqualTo(Duration.ZERO);
    }

    @Test
    void removesLeftoversAndEmptyDateFoldersAtStartUp() throws IOException {
        StagingStore store = open(root, clock);
        StagingReceipt kept = store.stage(create("paciente"));
        clock.advance(Duration.ofDays(1));
        store.stage(create("leito"));
        store.markApplied(store.pending().get(1));
        Path folder = root.resolve(kept.relativePath()).getParent();
        Files.writeString(
                folder.resolve("20261127T000000.000000000Z-x-000000000001-" + UUID.randomUUID() + ".json.tmp"),
                "{\"format_version\":1,\"payload\":{\"nome\":\"Jo");
        Path quarantined = root.resolve("quarantine/create/leito/2026/11/27");
        Files.createDirectories(quarantined);
        Files.writeString(quarantined.resolve("a.reason.json"), "{}");
        Files.writeString(root.resolve("sequence.json.tmp"), "{");

        StagingStore reopened = open(root, clock);

        assertThat(filesUnder(root))
                .filteredOn(f -> !f.startsWith("journal/"))
                .containsExactlyInAnyOrder(kept.relativePath(), "sequence.json");
        assertThat(root.resolve("create/leito")).isDirectory();
        assertThat(root.resolve("create/leito/2026")).doesNotExist();
        assertThat(root.resolve("quarantine/create/leito/2026")).doesNotExist();
        assertThat(reopened.pending()).hasSize(1);
        reopened.stage(create("leito"));
        assertThat(reopened.pending()).hasSize(2);
    }

    @Test
    void keepsEmptyDateFoldersWhenToldTo() {
        StagingSettings settings = new StagingSettings(root, StagingSettings.DEFAULT_MIN_FREE_BYTES, 30, false);
        StagingStore store = StagingStore.open(settings, NODE, clock);
        StagingReceipt receipt = store.stage(create("leito"));
        store.markApplied(store.pending());

        StagingStore.open(settings, NODE, clock);

        assertThat(root.resolve(receipt.relativePath()).getParent()).isDirectory();
    }

    @Test
    void seesFilesAddedOrRemovedByHandAtTheNextListing(@TempDir Path other) throws IOException {
        StagingStore store = open(root, clock);
        StagingReceipt removedByHand = store.stage(create("leito"));
        StagingStore elsewhere = open(other, clock);
        StagingReceipt copiedIn = elsewhere.stage(create("leito"));
        Files.delete(root.resolve(removedByHand.relativePath()));
        Path target = root.resolve(copiedIn.relativePath());
        Files.createDirectories(target.getParent());
        Files.copy(other.resolve(copiedIn.relativePath()), target);

        assertThat(store.pending()).extracting(e -> e.file().operationId()).containsExactly(copiedIn.operationId());

        assertThat(store.stats().pending()).isEqualTo(1);
        assertThat(store.status(copiedIn.operationId()).state()).isEqualTo(State.PENDING);
        assertThat(store.status(removedByHand.operationId()).state()).isEqualTo(State.UNKNOWN);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
