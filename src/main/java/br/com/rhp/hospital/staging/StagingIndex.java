package br.com.rhp.hospital.staging;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The store's memory of which files exist where, built from file names at start-up and kept up to date
 * by the store's own operations, so that {@link StagingStore#status} and {@link StagingStore#stats} never
 * read file contents. Every method holds the lock only for map updates, never for I/O — except {@link
 * #reconcile}, which checks the few files it disagrees about.
 *
 * <p>A node cut off from its database for days may hold a hundred thousand files, all indexed here, so each
 * costs as little heap as it can: a file whose path is exactly what the store would name it ({@code
 * <action>/<entity>/<yyyy>/<mm>/<dd>/<timestamp>-<node>-<sequence>-<operation_id>.json}, the date folder
 * that of its timestamp) is kept as the fields its path is made of, and its {@link StagedFile} is made again
 * when asked for: about 130 bytes a file instead of 450 (the path alone, as a string, was a third of it).
 * Any other file — misplaced, misnamed, or a second file with an operation id already indexed — is kept as
 * it was listed.
 */
final class StagingIndex {

    /** Files kept as their path's fields: at most one per operation id. */
    private final Map<UUID, Compact> compact = new HashMap<>();
    /** Every other file, by location. */
    private final Map<String, StagedFile> others = new HashMap<>();
    /** Of {@link #others}, the last put with each operation id. */
    private final Map<UUID, StagedFile> othersByOperation = new HashMap<>();
    /** Listings begun so far ({@link #beginListing}): a number marks the entries each one found. */
    private int listings;

    synchronized void put(StagedFile file) {
        UUID operationId = file.operationId();
        if (others.containsKey(file.location())) {
            putOther(file); // the same file listed again
            return;
        }
        Compact existing = operationId == null ? null : compact.get(operationId);
        if (existing != null && existing.location(operationId).equals(file.location())) {
            compact.remove(operationId); // the same file listed again: the newer facts win
            existing = null;
        }
        if (existing == null && operationId != null && !othersByOperation.containsKey(operationId)) {
            Compact fields = Compact.of(file);
            if (fields != null) {
                compact.put(operationId, fields);
                return;
            }
        }
        putOther(file);
    }

    private void putOther(StagedFile file) {
        others.put(file.location(), file);
        if (file.operationId() != null) {
            othersByOperation.put(file.operationId(), file);
        }
    }

    synchronized void remove(StagedFile file) {
        UUID operationId = file.operationId();
        if (operationId != null) {
            Compact held = compact.get(operationId);
            if (held != null && held.location(operationId).equals(file.location())) {
                compact.remove(operationId);
                return;
            }
        }
        StagedFile removed = others.remove(file.location());
        if (removed != null
                && removed.operationId() != null
                && othersByOperation.get(removed.operationId()) != null
                && file.location()
                        .equals(othersByOperation.get(removed.operationId()).location())) {
            othersByOperation.remove(removed.operationId());
        }
    }

    synchronized void move(StagedFile from, StagedFile to) {
        remove(from);
        put(to);
    }

    /** The file of an operation: the last one put, when (by hand) two files carry the same id. */
    synchronized Optional<StagedFile> find(UUID operationId) {
        StagedFile other = othersByOperation.get(operationId);
        if (other != null) {
            return Optional.of(other);
        }
        Compact held = compact.get(operationId);
        return held == null ? Optional.empty() : Optional.of(held.file(operationId));
    }

    synchronized boolean contains(UUID operationId) {
        return compact.containsKey(operationId) || othersByOperation.containsKey(operationId);
    }

    /**
     * The files of one area in acceptance order ({@link StagedFile#ACCEPTANCE_ORDER}), as a snapshot: a list
     * that makes each file's {@link StagedFile} (and its path) when it is read, so that going through a large
     * backlog in batches never holds every file's path at once. Files put or removed after the call are not
     * in it or stay in it; reading a file that has gone meanwhile is the reader's business, as with a listing.
     */
    synchronized List<StagedFile> inAcceptanceOrder(Area area) {
        List<Slot> slots = new ArrayList<>();
        compact.forEach((operationId, held) -> {
            if (held.area == area) {
                slots.add(new Slot(operationId, held, null));
            }
        });
        for (StagedFile file : others.values()) {
            if (file.area() == area) {
                slots.add(new Slot(null, null, file));
            }
        }
        slots.sort(Slot.ORDER);
        return new SlotList(slots.toArray(Slot[]::new));
    }

    /** A file in a snapshot: its fields and id, or the file as listed. */
    private record Slot(UUID operationId, Compact held, StagedFile other) {

        /** {@link StagedFile#ACCEPTANCE_ORDER}, making names and paths only for files whose sequences tie. */
        static final Comparator<Slot> ORDER = Comparator.comparingLong(Slot::sequence)
                .thenComparing(slot -> slot.file(), StagedFile.ACCEPTANCE_ORDER);

        long sequence() {
            return held != null ? held.sequence : other.sequence();
        }

        StagedFile file() {
            return held != null ? held.file(operationId) : other;
        }
    }

    private static final class SlotList extends AbstractList<StagedFile> implements RandomAccess {
        private final Slot[] slots;

        SlotList(Slot[] slots) {
            this.slots = slots;
        }

        @Override
        public StagedFile get(int i) {
            return slots[i].file();
        }

        @Override
        public int size() {
            return slots.length;
        }
    }

    /** Every file's facts, without making a {@link StagedFile} (and its path) for each: for figures. */
    synchronized void forEachFile(FileFacts visitor) {
        for (Compact held : compact.values()) {
            visitor.file(held.area, held.action, held.entity, held.bytes, held.stagedAtSecond, held.stagedAtNano);
        }
        for (StagedFile file : others.values()) {
            Instant at = file.stagedAt();
            visitor.file(file.area(), file.action(), file.entity(), file.bytes(), at.getEpochSecond(), at.getNano());
        }
    }

    /** What {@link #forEachFile} hands over for each file. */
    @FunctionalInterface
    interface FileFacts {
        void file(Area area, String action, String entity, long bytes, long stagedAtSecond, int stagedAtNano);
    }

    /** How many files are kept as their path's fields (the rest as listed): what the tests hold it to. */
    synchronized int keptAsFields() {
        return compact.size();
    }

    /**
     * Starts bringing the index in line with a listing of {@code area} (files added or removed by hand):
     * hand it every file the listing finds, then {@link Listing#finish} it.
     */
    synchronized Listing beginListing(Area area) {
        Set<String> othersBefore = new HashSet<>();
        for (StagedFile file : others.values()) {
            if (file.area() == area) {
                othersBefore.add(file.location());
            }
        }
        return new Listing(area, ++listings, othersBefore);
    }

    /**
     * One listing of an area. A file the listing finds is marked as seen, or added if the index missed it;
     * when the listing ends, files the index held but the listing did not find are dropped — each only if a
     * fresh look at the disk confirms it is gone, since the store's own operations may have run meanwhile.
     * The marks live in the index's entries, so a listing of a large backlog keeps no set of its paths.
     */
    final class Listing {
        private final Area area;
        private final int number;
        private final Set<String> othersBefore;
        private final Set<String> othersSeen = new HashSet<>();

        private Listing(Area area, int number, Set<String> othersBefore) {
            this.area = area;
            this.number = number;
            this.othersBefore = othersBefore;
        }

        /** A file the listing found on disk ({@code exists} is asked only when the index did not know it). */
        void found(StagedFile file, Predicate<StagedFile> exists) {
            synchronized (StagingIndex.this) {
                UUID operationId = file.operationId();
                Compact held = operationId == null ? null : compact.get(operationId);
                if (held != null && held.location(operationId).equals(file.location())) {
                    held.listing = number;
                    return;
                }
                if (others.containsKey(file.location())) {
                    othersSeen.add(file.location());
                    return;
                }
            }
            if (exists.test(file)) {
                synchronized (StagingIndex.this) {
                    put(file);
                    Compact added = file.operationId() == null ? null : compact.get(file.operationId());
                    if (added != null) {
                        added.listing = number;
                    } else {
                        othersSeen.add(file.location());
                    }
                }
            }
        }

        /** Drops the files the listing did not find and that are gone from the disk. */
        void finish(Predicate<StagedFile> exists) {
            List<StagedFile> unseen = new ArrayList<>();
            synchronized (StagingIndex.this) {
                compact.forEach((operationId, held) -> {
                    if (held.area == area && held.listing != number) {
                        unseen.add(held.file(operationId));
                    }
                });
                for (String location : othersBefore) {
                    StagedFile file = others.get(location);
                    if (file != null && !othersSeen.contains(location)) {
                        unseen.add(file);
                    }
                }
            }
            for (StagedFile file : unseen) {
                if (!exists.test(file)) {
                    remove(file);
                }
            }
        }
    }

    /**
     * A file's path as its fields (the operation id is the map's key). The strings are shared: a backlog has
     * two actions, a few entities and one node or a few.
     */
    private static final class Compact {
        final Area area;
        final String action;
        final String entity;
        final String node;
        final long sequence;
        final long stagedAtSecond;
        final int stagedAtNano;
        final long bytes;
        /** The last {@link Listing} that found this file on disk. */
        int listing;

        private Compact(
                Area area,
                String action,
                String entity,
                String node,
                long sequence,
                long stagedAtSecond,
                int stagedAtNano,
                long bytes) {
            this.area = area;
            this.action = action;
            this.entity = entity;
            this.node = node;
            this.sequence = sequence;
            this.stagedAtSecond = stagedAtSecond;
            this.stagedAtNano = stagedAtNano;
            this.bytes = bytes;
        }

        /** The file as fields, or {@code null} when its path is not exactly the one these fields make. */
        static Compact of(StagedFile file) {
            if (!file.wellFormed() || file.entity() == null || file.sequence() < 0) {
                return null;
            }
            String name = file.fileName();
            // <timestamp>-<node>-<sequence>-<operation_id>.json: the timestamp has 26 characters, the id
            // 36, the sequence at least 12 digits; the node is what lies between
            int sequenceDigits = Math.max(12, Long.toString(file.sequence()).length());
            int nodeEnd = name.length() - FileNames.EXTENSION.length() - 36 - 1 - sequenceDigits - 1;
            if (nodeEnd <= 27) {
                return null;
            }
            Compact fields = new Compact(
                    file.area(),
                    file.action().intern(),
                    file.entity().intern(),
                    name.substring(27, nodeEnd).intern(),
                    file.sequence(),
                    file.stagedAt().getEpochSecond(),
                    file.stagedAt().getNano(),
                    file.bytes());
            // only a path these fields make again, character for character, is kept as fields
            return fields.relativePath(file.operationId()).equals(file.relativePath()) ? fields : null;
        }

        String relativePath(UUID operationId) {
            Instant stagedAt = Instant.ofEpochSecond(stagedAtSecond, stagedAtNano);
            return action + "/" + entity + "/" + FileNames.datePath(stagedAt) + "/"
                    + FileNames.name(stagedAt, node, sequence, operationId);
        }

        String location(UUID operationId) {
            return area.prefixed(relativePath(operationId));
        }

        StagedFile file(UUID operationId) {
            return new StagedFile(
                    area,
                    relativePath(operationId),
                    action,
                    entity,
                    operationId,
                    sequence,
                    Instant.ofEpochSecond(stagedAtSecond, stagedAtNano),
                    bytes);
        }
    }
}
