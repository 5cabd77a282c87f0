package br.com.rhp.hospital.staging;

import static br.com.rhp.hospital.staging.StagingFixtures.T0;
import static br.com.rhp.hospital.staging.StagingFixtures.create;
import static br.com.rhp.hospital.staging.StagingFixtures.filesUnder;
import static br.com.rhp.hospital.staging.StagingFixtures.open;
import static br.com.rhp.hospital.staging.StagingFixtures.readablePending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.rhp.hospital.staging.FaultyDisk.Fault;
import br.com.rhp.hospital.staging.FaultyDisk.SimulatedCrash;
import br.com.rhp.hospital.staging.FaultyDisk.Step;
import br.com.rhp.hospital.staging.OperationStatus.State;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tape's technique: fail or "crash" at exactly one step of each commit protocol, reopen the store as a
 * restarted process would, and check that it holds the old state or the new one — never half of it —
 * with no leftovers.
 */
class StagingCrashTests {

    private static final Predicate<Path> ENTRY = path -> path.toString().contains("/create/");
    private static final Predicate<Path> ANY = path -> true;

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(T0);

    @ParameterizedTest
    @EnumSource(
            value = Step.class,
            names = {"CREATE", "WRITE", "FORCE", "MOVE", "SYNC_RENAME"})
    void holdsTheOldStateOrTheNewAfterACrashWhileStaging(Step step) {
        FaultyDisk disk = new FaultyDisk();
        StagingStore store = open(root, clock, disk);
        OperationToStage before = create("paciente", "{\"nome\":\"João da Conceição\"}");
        store.stage(before);
        OperationToStage interrupted = create("paciente", "{\"nome\":\"Maria da Conceição\"}");
        disk.failAt(step, Fault.CRASH, 0, ENTRY);

        assertThatThrownBy(() -> store.stage(interrupted)).isInstanceOf(SimulatedCrash.class);
        StagingStore reopened = open(root, clock);

        boolean renamed = step == Step.SYNC_RENAME;
        List<StagedRecord> pending = readablePending(reopened);
        if (renamed) {
            assertThat(pending)
                    .extracting(StagedRecord::operationId)
                    .containsExactly(before.operationId(), interrupted.operationId());
            assertThat(pending.get(1).payload()).isEqualTo(interrupted.payload());
        } else {
            assertThat(pending).extracting(StagedRecord::operationId).containsExactly(before.operationId());
            assertThat(reopened.status(interrupted.operationId()).state()).isEqualTo(State.UNKNOWN);
        }
        assertThat(filesUnder(root)).noneMatch(f -> f.endsWith(".tmp"));
        long next = reopened.stage(create("paciente")).sequence();
        assertThat(next).isGreaterThan(pending.get(pending.size() - 1).sequence() + (renamed ? 0 : 1));
    }

    @ParameterizedTest
    @EnumSource(
            value = Step.class,
            names = {"CREATE", "WRITE", "FORCE", "MOVE", "SYNC_RENAME"})
    void reportsAFailedStepAsNotStagedAndLeavesNothingBehind(Step step) {
        FaultyDisk disk = new FaultyDisk();
        StagingStore store = open(root, clock, disk);
        OperationToStage before = create("paciente");
        store.stage(before);
        OperationToStage failed = create("paciente");
        disk.failAt(step, Fault.IO_ERROR, 0, ENTRY);

        assertThatThrownBy(() -> store.stage(failed))
                .isInstanceOf(StagingFailed.class)
                .isInstanceOf(NotStaged.class);

        // the client is told it failed, so it must not be replayed later beside the resubmission
        assertThat(readablePending(store)).extracting(StagedRecord::operationId).containsExactly(before.operationId());
        assertThat(readablePending(open(root, clock)))
                .extracting(StagedRecord::operationId)
                .containsExactly(before.operationId());
        assertThat(store.status(failed.operationId()).state()).isEqualTo(State.UNKNOWN);
        assertThat(filesUnder(root)).noneMatch(f -> f.endsWith(".tmp"));
        store.stage(failed);
        assertThat(store.status(failed.operationId()).state()).isEqualTo(State.PENDING);
    }

    @ParameterizedTest
    @EnumSource(
            value = Step.class,
            names = {"CREATE", "WRITE", "FORCE", "REPLACE", "SYNC_RENAME"})
    void neverHandsOutASequenceNumberTwiceAfterACrashWhileReservingIt(Step step) {
        FaultyDisk disk = new FaultyDisk()
                .failAt(step, Fault.CRASH, 0, path -> path.toString().contains("sequence.json"));
        StagingStore store = open(root, clock, disk);

        assertThatThrownBy(() -> store.stage(create("leito"))).isInstanceOf(SimulatedCrash.class);
        StagingStore reopened = open(root, clock);
        long first = reopened.stage(create("leito")).sequence();
        long second = open(root, clock).stage(create("leito")).sequence();

        assertThat(second).isGreaterThan(first);
        assertThat(reopened.pending()).hasSize(2);
        assertThat(filesUnder(root)).noneMatch(f -> f.endsWith(".tmp"));
    }

    @ParameterizedTest
    @EnumSource(
            value = Step.class,
            names = {"CREATE", "WRITE", "FORCE", "REPLACE", "MOVE", "SYNC_RENAME", "SYNC_DIRECTORY", "APPEND"})
    void keepsAQuarantinedFileInExactlyOnePlaceAfterACrashWhileMovingIt(Step step) {
        FaultyDisk disk = new FaultyDisk();
        StagingStore store = open(root, clock, disk);
        OperationToStage operation = create("leito");
        store.stage(operation);
        disk.failAt(step, Fault.CRASH, 0, step == Step.SYNC_DIRECTORY ? inPendingFolders() : ANY);

        assertThatThrownBy(() -> store.quarantine(store.pending().get(0), "leito sem unidade"))
                .isInstanceOf(SimulatedCrash.class);
        StagingStore reopened = open(root, clock);

        Set<Step> afterTheMove = EnumSet.of(Step.SYNC_RENAME, Step.SYNC_DIRECTORY, Step.APPEND);
        OperationStatus status = reopened.status(operation.operationId());
        if (afterTheMove.contains(step)) {
            assertThat(reopened.pending()).isEmpty();
            assertThat(reopened.files(Area.QUARANTINE)).hasSize(1);
            assertThat(status.state()).isEqualTo(State.QUARANTINED);
            assertThat(status.reason()).isEqualTo("leito sem unidade");
        } else {
            assertThat(reopened.pending()).hasSize(1);
            assertThat(reopened.files(Area.QUARANTINE)).isEmpty();
            assertThat(status.state()).isEqualTo(State.PENDING);
        }
        assertNoLeftovers();
    }

    @ParameterizedTest
    @EnumSource(
            value = Step.class,
            names = {"APPEND", "DELETE", "SYNC_DIRECTORY"})
    void neverForgetsAnAppliedOperationAfterACrashWhileMarkingIt(Step step) {
        FaultyDisk disk = new FaultyDisk();
        StagingStore store = open(root, clock, disk);
        OperationToStage operation = create("leito");
        store.stage(operation);
        disk.failAt(step, Fault.CRASH, 0, step == Step.SYNC_DIRECTORY ? inPendingFolders() : ANY);

        assertThatThrownBy(() -> store.markApplied(store.pending().get(0))).isInstanceOf(SimulatedCrash.class);
        StagingStore reopened = open(root, clock);

        State state = reopened.status(operation.operationId()).state();
        if (step == Step.SYNC_DIRECTORY) {
            assertThat(reopened.pending()).isEmpty();
            assertThat(state).isEqualTo(State.APPLIED);
        } else {
            // still pending: replaying it again is a no-op in the database's ledger
            assertThat(reopened.pending()).hasSize(1);
            assertThat(state).isEqualTo(State.PENDING);
            reopened.markApplied(reopened.pending().get(0));
            assertThat(reopened.status(operation.operationId()).state()).isEqualTo(State.APPLIED);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Step.class,
            names = {"MOVE", "SYNC_RENAME", "SYNC_DIRECTORY", "DELETE", "APPEND"})
    void keepsAReleasedFileInExactlyOnePlaceAfterACrashWhileMovingIt(Step step) {
        FaultyDisk disk = new FaultyDisk();
        StagingStore store = open(root, clock, disk);
        OperationToStage operation = create("leito");
        store.stage(operation);
        store.conflict(store.pending().get(0), "versão divergente");
        disk.failAt(step, Fault.CRASH, 0, ANY);

        assertThatThrownBy(() -> store.release(store.entries(Area.CONFLICTS).get(0)))
                .isInstanceOf(SimulatedCrash.class);
        StagingStore reopened = open(root, clock);

        OperationStatus status = reopened.status(operation.operationId());
        if (step == Step.MOVE) {
            assertThat(reopened.pending()).isEmpty();
            assertThat(status.state()).isEqualTo(State.CONFLICT);
            assertThat(status.reason()).isEqualTo("versão divergente");
        } else {
            assertThat(reopened.pending()).hasSize(1);
            assertThat(reopened.files(Area.CONFLICTS)).isEmpty();
            assertThat(status.state()).isEqualTo(State.PENDING);
        }
        assertNoLeftovers();
    }

    // ------------------------------------------------------------------ Windows

    @Test
    void stagesDurablyWithoutDirectoryFlushesOnWindows() {
        StagingStore store = open(root, clock, new FaultyDisk().likeWindows());

        OperationToStage operation = create("paciente", "{\"nome\":\"Conceição\"}");
        store.stage(operation);
        store.quarantine(store.pending().get(0), "teste");
        store.release(store.entries(Area.QUARANTINE).get(0));

        assertThat(readablePending(open(root, clock, new FaultyDisk().likeWindows())))
                .extracting(StagedRecord::payload)
                .containsExactly(operation.payload());
    }

    @Test
    void keepsACompleteTemporaryFileInQuarantineOnWindowsInsteadOfDeletingIt() {
        FaultyDisk disk = new FaultyDisk().likeWindows();
        StagingStore store = open(root, clock, disk);
        store.stage(create("paciente"));
        OperationToStage interrupted = create("paciente", "{\"nome\":\"João\"}");
        // flushed but not renamed: on Windows the rename itself may be what a power cut lost
        disk.failAt(Step.MOVE, Fault.CRASH, 0, ENTRY);
        assertThatThrownBy(() -> store.stage(interrupted)).isInstanceOf(SimulatedCrash.class);

        StagingStore reopened = open(root, clock, new FaultyDisk().likeWindows());

        assertThat(reopened.pending()).hasSize(1);
        OperationStatus status = reopened.status(interrupted.operationId());
        assertThat(status.state()).isEqualTo(State.QUARANTINED);
        assertThat(status.reason()).contains("interrupted write");
        assertThat(reopened.entries(Area.QUARANTINE))
                .singleElement()
                .isInstanceOfSatisfying(
                        StagedEntry.Readable.class,
                        e -> assertThat(e.record().payload()).isEqualTo(interrupted.payload()));
        assertNoLeftovers();
    }

    @Test
    void deletesATornTemporaryFileOnWindows() {
        FaultyDisk disk = new FaultyDisk().likeWindows();
        StagingStore store = open(root, clock, disk);
        disk.failAt(Step.WRITE, Fault.CRASH, 0, ENTRY);
        assertThatThrownBy(() -> store.stage(create("paciente"))).isInstanceOf(SimulatedCrash.class);

        StagingStore reopened = open(root, clock, new FaultyDisk().likeWindows());

        assertThat(reopened.pending()).isEmpty();
        assertThat(reopened.files(Area.QUARANTINE)).isEmpty();
        assertNoLeftovers();
    }

    /** The folders of pending files, to tell their flush from the journal's or the quarantine's. */
    private Predicate<Path> inPendingFolders() {
        return path -> path.startsWith(root.resolve("create"));
    }

    /** No temporary file, and no reason file without the file it explains. */
    private void assertNoLeftovers() {
        List<String> files = filesUnder(root);
        assertThat(files).noneMatch(f -> f.endsWith(".tmp"));
        assertThat(files)
                .filteredOn(f -> f.endsWith(".reason.json"))
                .allSatisfy(reason -> assertThat(files).contains(reason.replace(".reason.json", ".json")));
    }
}
