package br.com.rhp.hospital.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The index keeps a file whose path the store would have made as that path's fields and makes its {@link
 * StagedFile} again when asked: these tests hold every answer to what was put, for such files and for the
 * ones it must keep as they were listed.
 */
class StagingIndexTests {

    private static final UUID A = UUID.fromString("0193a6f0-6c1e-7b2a-9f3d-2b7c1e5a9d10");
    private static final UUID B = UUID.fromString("0193a6f0-6c1e-7b2a-9f3d-2b7c1e5a9d11");
    private static final UUID C = UUID.fromString("0193a6f0-6c1e-7b2a-9f3d-2b7c1e5a9d12");

    /** A file as the store names it. */
    private static StagedFile staged(Area area, String node, long sequence, Instant at, UUID id) {
        String path = "create/paciente/" + FileNames.datePath(at) + "/" + FileNames.name(at, node, sequence, id);
        return new StagedFile(area, path, "create", "paciente", id, sequence, at, 612);
    }

    private static List<StagedFile> everything(StagingIndex index) {
        List<StagedFile> files = new ArrayList<>();
        for (Area area : Area.values()) {
            List<StagedFile> ofArea = index.inAcceptanceOrder(area);
            assertThat(ofArea).allMatch(file -> file.area() == area);
            files.addAll(ofArea);
        }
        return files;
    }

    @Test
    void givesBackEveryFileTheStoreNamedExactlyAsItWasPut() {
        List<StagedFile> files = List.of(
                staged(Area.PENDING, "uti-2.node_1", 42, Instant.parse("2026-11-27T02:10:03.123456789Z"), A),
                staged(Area.QUARANTINE, "n", 1_234_567_890_123L, Instant.parse("2026-01-01T00:00:00Z"), B),
                staged(Area.CONFLICTS, "x-000000000007", 0, Instant.parse("1999-12-31T23:59:59.000000001Z"), C));
        StagingIndex index = new StagingIndex();
        files.forEach(index::put);

        assertThat(everything(index)).containsExactlyInAnyOrderElementsOf(files);
        assertThat(index.keptAsFields()).isEqualTo(3);
        for (StagedFile file : files) {
            assertThat(index.find(file.operationId())).contains(file);
            assertThat(index.contains(file.operationId())).isTrue();
        }
        assertThat(index.inAcceptanceOrder(Area.QUARANTINE)).containsExactly(files.get(1));
        assertThat(index.inAcceptanceOrder(Area.QUARANTINE).get(0).location())
                .startsWith("quarantine/create/paciente/2026/01/01/");
    }

    @Test
    void keepsAFileWhosePathItCouldNotMakeAgainAsItWasListed() {
        Instant at = Instant.parse("2026-11-27T02:10:03.123456789Z");
        String name = FileNames.name(at, "n", 42, A);
        List<StagedFile> files = List.of(
                // moved by hand into another day's folder
                new StagedFile(
                        Area.PENDING, "create/paciente/2026/11/26/" + name, "create", "paciente", A, 42, at, 600),
                // a sequence padded to 13 digits, which the grammar accepts and the store never writes
                new StagedFile(
                        Area.PENDING,
                        "update/leito/2026/11/27/"
                                + name.replace("-000000000042-", "-0000000000042-")
                                        .replace(A.toString(), B.toString()),
                        "update",
                        "leito",
                        B,
                        42,
                        at,
                        600),
                // not where the layout puts files, and a name outside the grammar
                new StagedFile(Area.PENDING, "create/x.json", "create", null, null, -1, at, 3),
                new StagedFile(
                        Area.PENDING,
                        "create/paciente/2026/11/27/1732672203.json",
                        "create",
                        "paciente",
                        null,
                        -1,
                        at,
                        9));
        StagingIndex index = new StagingIndex();
        files.forEach(index::put);

        assertThat(everything(index)).containsExactlyInAnyOrderElementsOf(files);
        assertThat(index.keptAsFields()).isZero();
        assertThat(index.find(A)).contains(files.get(0));
        assertThat(index.find(B)).contains(files.get(1));

        files.forEach(index::remove);
        assertThat(everything(index)).isEmpty();
        assertThat(index.contains(A)).isFalse();
        assertThat(index.contains(B)).isFalse();
    }

    @Test
    void keepsTwoFilesWithOneOperationIdAndFindsTheLastPut() {
        Instant at = Instant.parse("2026-11-27T02:10:03Z");
        StagedFile pending = staged(Area.PENDING, "n", 7, at, A);
        StagedFile copy = staged(Area.QUARANTINE, "n", 7, at, A);
        StagingIndex index = new StagingIndex();

        index.put(pending);
        index.put(copy);

        assertThat(everything(index)).containsExactlyInAnyOrder(pending, copy);
        assertThat(index.keptAsFields()).isEqualTo(1);
        assertThat(index.find(A)).contains(copy);
        index.remove(copy);
        assertThat(index.find(A)).contains(pending);
        assertThat(index.contains(A)).isTrue();
        index.remove(pending);
        assertThat(index.find(A)).isEmpty();
        assertThat(index.contains(A)).isFalse();
    }

    @Test
    void movesAFileBetweenAreasAndForgetsWhereItWas() {
        Instant at = Instant.parse("2026-11-27T02:10:03Z");
        StagedFile pending = staged(Area.PENDING, "n", 7, at, A);
        StagingIndex index = new StagingIndex();
        index.put(pending);

        index.move(pending, pending.in(Area.CONFLICTS));

        assertThat(everything(index)).containsExactly(pending.in(Area.CONFLICTS));
        assertThat(index.inAcceptanceOrder(Area.PENDING)).isEmpty();
        assertThat(index.find(A)).contains(pending.in(Area.CONFLICTS));
    }

    @Test
    void takesTheNewerFactsWhenTheSameFileIsPutAgain() {
        Instant at = Instant.parse("2026-11-27T02:10:03Z");
        StagedFile listed = staged(Area.PENDING, "n", 7, at, A);
        StagedFile grown = new StagedFile(
                listed.area(), listed.relativePath(), "create", "paciente", A, 7, at, listed.bytes() + 10);
        StagingIndex index = new StagingIndex();

        index.put(listed);
        index.put(grown);

        assertThat(everything(index)).containsExactly(grown);
    }

    @Test
    void reconcilesWithAListingAddingNewFilesAndDroppingOnlyThoseThatAreGone() {
        Instant at = Instant.parse("2026-11-27T02:10:03Z");
        StagedFile kept = staged(Area.PENDING, "n", 1, at, A);
        StagedFile gone = staged(Area.PENDING, "n", 2, at, B);
        StagedFile misplacedGone = new StagedFile(Area.PENDING, "create/x.json", "create", null, null, -1, at, 3);
        StagedFile misplacedStillThere = new StagedFile(Area.PENDING, "create/y.json", "create", null, null, -1, at, 3);
        StagedFile otherArea = staged(Area.CONFLICTS, "n", 4, at, UUID.randomUUID());
        StagedFile found = staged(Area.PENDING, "n", 3, at, C);
        StagingIndex index = new StagingIndex();
        List.of(kept, gone, misplacedGone, misplacedStillThere, otherArea).forEach(index::put);
        List<StagedFile> askedAbout = new ArrayList<>();
        Predicate<StagedFile> exists = file -> {
            askedAbout.add(file);
            return !file.equals(gone) && !file.equals(misplacedGone);
        };

        // the listing finds `kept` and a file the index missed; it misses three: two gone, one still there
        // (made while the listing ran, say)
        StagingIndex.Listing listing = index.beginListing(Area.PENDING);
        listing.found(kept, exists);
        listing.found(found, exists);
        listing.finish(exists);

        assertThat(everything(index)).containsExactlyInAnyOrder(kept, misplacedStillThere, found, otherArea);
        assertThat(index.contains(B)).isFalse();
        // the disk is asked only about what the index and the listing disagree on
        assertThat(askedAbout).containsExactlyInAnyOrder(found, gone, misplacedGone, misplacedStillThere);
    }

    @Test
    void givesAnAreaInAcceptanceOrderMakingEachFileWhenItIsRead() {
        Instant at = Instant.parse("2026-11-27T02:10:03Z");
        StagedFile third = staged(Area.PENDING, "a", 9, at, A);
        StagedFile first = new StagedFile(Area.PENDING, "create/x.json", "create", null, null, -1, at, 3);
        // two nodes' files with one sequence: the name decides
        StagedFile secondOfNodeB = staged(Area.PENDING, "b", 5, at, B);
        StagedFile secondOfNodeA = staged(Area.PENDING, "a", 5, at.plusNanos(1), C);
        StagingIndex index = new StagingIndex();
        List.of(third, first, secondOfNodeB, secondOfNodeA).forEach(index::put);

        List<StagedFile> ordered = index.inAcceptanceOrder(Area.PENDING);
        index.remove(third); // a snapshot: what is removed later stays in it

        assertThat(ordered).containsExactly(first, secondOfNodeB, secondOfNodeA, third);
        assertThat(ordered.subList(1, 3)).containsExactly(secondOfNodeB, secondOfNodeA);
        assertThat(List.of(first, secondOfNodeB, secondOfNodeA, third))
                .isSortedAccordingTo(StagedFile.ACCEPTANCE_ORDER);
    }

    @Test
    void handsOverEveryFilesFactsForTheFigures() {
        Instant early = Instant.parse("2026-11-27T02:10:03.000000005Z");
        StagingIndex index = new StagingIndex();
        index.put(staged(Area.PENDING, "n", 1, early, A));
        index.put(new StagedFile(Area.QUARANTINE, "create/x.json", "create", null, null, -1, early.plusSeconds(1), 3));
        List<String> seen = new ArrayList<>();

        index.forEachFile((area, action, entity, bytes, second, nano) ->
                seen.add(area + " " + action + " " + entity + " " + bytes + " " + Instant.ofEpochSecond(second, nano)));

        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "PENDING create paciente 612 2026-11-27T02:10:03.000000005Z",
                        "QUARANTINE create null 3 2026-11-27T02:10:04.000000005Z");
    }
}
