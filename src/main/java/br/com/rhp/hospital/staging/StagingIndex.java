package br.com.rhp.hospital.staging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The store's memory of which files exist where, built from file names at start-up and kept up to date
 * by the store's own operations, so that {@link StagingStore#status} and {@link StagingStore#stats} never
 * read file contents. Every method holds the lock only for map updates, never for I/O — except {@link
 * #reconcile}, which checks the few files it disagrees about.
 */
final class StagingIndex {

    private final Map<String, StagedFile> byLocation = new HashMap<>();
    /** The file itself, not its location: a second string per file adds up in a large backlog. */
    private final Map<UUID, StagedFile> byOperation = new HashMap<>();

    synchronized void put(StagedFile file) {
        byLocation.put(file.location(), file);
        if (file.operationId() != null) {
            byOperation.put(file.operationId(), file);
        }
    }

    synchronized void remove(StagedFile file) {
        StagedFile removed = byLocation.remove(file.location());
        if (removed != null
                && removed.operationId() != null
                && byOperation.get(removed.operationId()) != null
                && file.location().equals(byOperation.get(removed.operationId()).location())) {
            byOperation.remove(removed.operationId());
        }
    }

    synchronized void move(StagedFile from, StagedFile to) {
        remove(from);
        put(to);
    }

    synchronized Optional<StagedFile> find(UUID operationId) {
        StagedFile file = byOperation.get(operationId);
        return file == null ? Optional.empty() : Optional.ofNullable(byLocation.get(file.location()));
    }

    synchronized boolean contains(UUID operationId) {
        return byOperation.containsKey(operationId);
    }

    synchronized List<StagedFile> all() {
        return new ArrayList<>(byLocation.values());
    }

    synchronized Set<String> locations(Area area) {
        Set<String> locations = new HashSet<>();
        for (StagedFile file : byLocation.values()) {
            if (file.area() == area) {
                locations.add(file.location());
            }
        }
        return locations;
    }

    /**
     * Brings the index in line with a listing of {@code area} made after {@code before} was taken: files on
     * disk the index misses are added, and files the index held before the listing began but the listing
     * did not find are dropped — each only if a fresh look at the disk confirms it, since the store's own
     * operations may have run meanwhile.
     */
    synchronized void reconcile(List<StagedFile> listed, Set<String> before, Predicate<StagedFile> exists) {
        Set<String> seen = new HashSet<>();
        for (StagedFile file : listed) {
            seen.add(file.location());
            if (!byLocation.containsKey(file.location()) && exists.test(file)) {
                put(file);
            }
        }
        for (String location : before) {
            StagedFile file = byLocation.get(location);
            if (!seen.contains(location) && file != null && !exists.test(file)) {
                remove(file);
            }
        }
    }
}
