package br.com.rhp.hospital.write;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.rhp.hospital.staging.OperationToStage;
import br.com.rhp.hospital.staging.StagingSettings;
import br.com.rhp.hospital.staging.StagingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class BacklogTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    /** Runs nothing until told to: the background scan happens exactly when the test says. */
    private final List<Runnable> background = new ArrayList<>();

    private final Executor later = background::add;

    @Test
    void readsASmallStagingAreaBeforeTheNodeStarts() {
        StagingStore staging = StagingStore.open(StagingSettings.of(root), "no-1", clock);
        UUID leito = UUID.randomUUID();
        UUID operation = stageAdmissionInto(staging, leito);

        Backlog backlog = new Backlog(staging, 10, later);

        assertThat(background).isEmpty();
        assertThat(backlog.scanning()).isFalse();
        assertThat(backlog.holdsAny(Set.of(leito))).isTrue();
        assertThat(backlog.holdsAny(Set.of(UUID.randomUUID()))).isFalse();
        backlog.remove(operation);
        assertThat(backlog.isEmpty()).isTrue();
    }

    @Test
    void holdsEveryWriteWhileALargeStagingAreaIsReadInTheBackground() {
        StagingStore staging = StagingStore.open(StagingSettings.of(root), "no-1", clock);
        UUID leito = UUID.randomUUID();
        stageAdmissionInto(staging, leito);
        stageAdmissionInto(staging, UUID.randomUUID());

        Backlog backlog = new Backlog(staging, 1, later);

        assertThat(backlog.scanning()).isTrue();
        assertThat(backlog.isEmpty()).isFalse();
        assertThat(backlog.holdsAny(Set.of(UUID.randomUUID())))
                .as("a write the scan cannot vouch for yet is staged")
                .isTrue();

        background.forEach(Runnable::run);

        assertThat(backlog.scanning()).isFalse();
        assertThat(backlog.size()).isEqualTo(2);
        assertThat(backlog.holdsAny(Set.of(leito))).isTrue();
        assertThat(backlog.holdsAny(Set.of(UUID.randomUUID()))).isFalse();
    }

    @Test
    void anOperationThatLeftStagingDuringTheScanIsNotAddedBack() {
        StagingStore staging = StagingStore.open(StagingSettings.of(root), "no-1", clock);
        UUID leito = UUID.randomUUID();
        UUID applied = stageAdmissionInto(staging, leito);
        UUID other = UUID.randomUUID();
        stageAdmissionInto(staging, other);
        Backlog backlog = new Backlog(staging, 0, later);

        backlog.remove(applied); // a replay applied it before the scan reached its file
        background.forEach(Runnable::run);

        assertThat(backlog.size()).isEqualTo(1);
        assertThat(backlog.holdsAny(Set.of(leito))).isFalse();
        assertThat(backlog.holdsAny(Set.of(other))).isTrue();
    }

    @Test
    void keepsWhatWasStagedDuringTheScan() {
        StagingStore staging = StagingStore.open(StagingSettings.of(root), "no-1", clock);
        stageAdmissionInto(staging, UUID.randomUUID());
        Backlog backlog = new Backlog(staging, 0, later);
        UUID leito = UUID.randomUUID();

        backlog.add(UUID.randomUUID(), Set.of(leito)); // a write staged while the scan runs
        background.forEach(Runnable::run);

        assertThat(backlog.size()).isEqualTo(2);
        assertThat(backlog.holdsAny(Set.of(leito))).isTrue();
    }

    @Test
    void startsEmptyAndHoldsNothingOnAnEmptyStagingArea() {
        Backlog backlog = new Backlog(StagingStore.open(StagingSettings.of(root), "no-1", clock), 0, later);

        assertThat(background).isEmpty();
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(backlog.holdsAny(Set.of(UUID.randomUUID()))).isFalse();
    }

    /** Stages an admission into {@code leito}; its keys are the encounter's id and the bed's. */
    private UUID stageAdmissionInto(StagingStore staging, UUID leito) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("paciente_id", UUID.randomUUID().toString());
        payload.put("leito_id", leito.toString());
        UUID operation = UUID.randomUUID();
        staging.stage(new OperationToStage(
                operation,
                "atendimento",
                OperationToStage.CREATE,
                "criar",
                UUID.randomUUID(),
                null,
                "maria",
                "10.0.0.1",
                null,
                clock.instant(),
                payload));
        return operation;
    }
}
