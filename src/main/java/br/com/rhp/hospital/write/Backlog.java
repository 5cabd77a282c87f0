package br.com.rhp.hospital.write;

import br.com.rhp.hospital.staging.Area;
import br.com.rhp.hospital.staging.StagedEntry;
import br.com.rhp.hospital.staging.StagedFile;
import br.com.rhp.hospital.staging.StagedRecord;
import br.com.rhp.hospital.staging.StagingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The keys ({@link OperationKeys}) of every operation this node holds in staging — pending, quarantined or
 * in conflict — so that a live write touching one of them is staged behind them instead of overtaking
 * them (STORE-AND-FORWARD.md §5). Kept in memory; rebuilt from the staging area at start-up.
 *
 * <p>Rebuilding means reading (and decrypting) every staged file. A small staging area is read before the
 * node starts; a large one — after a long outage, tens of thousands of files, which would hold the start
 * up for a minute or more — is read in the background, one file at a time, and until that scan is done
 * {@link #holdsAny} answers {@code true} for every write: each is staged behind the backlog, as a write
 * touching it would be, and nothing overtakes an operation the scan has not reached yet. Operations that
 * leave staging while the scan runs (applied by a replay, discarded) are not added back by it.
 */
@Component
public class Backlog {

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);

    /** Up to this many staged files, the scan runs before the node starts; above it, in the background. */
    static final int SCAN_IN_BACKGROUND_ABOVE = 1_000;

    /**
     * Each held operation's keys, as {@code [msb, lsb, msb, lsb, …]}: a node cut off for days holds a hundred
     * thousand operations, and an array of longs costs a third of a set of {@link UUID}s.
     */
    private final Map<UUID, long[]> keysByOperation = new HashMap<>();
    /** How many held operations share each key (small counts: the boxes are the JVM's cached ones). */
    private final Map<UUID, Integer> holders = new HashMap<>();
    /** Operations that left staging while the start-up scan ran: the scan must not add them back. */
    private final Set<UUID> removedDuringScan = new HashSet<>();

    private boolean scanning;

    @Autowired
    Backlog(StagingStore staging) {
        this(staging, SCAN_IN_BACKGROUND_ABOVE, task -> {
            Thread thread = new Thread(task, "backlog-scan");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * @param inBackgroundAbove above this many staged files, the scan is handed to {@code background}
     */
    Backlog(StagingStore staging, int inBackgroundAbove, Executor background) {
        // from the names the store indexed when it opened: no listing; each file's name is made when the scan
        // reaches it, so a large backlog's names are never all in memory
        List<List<StagedFile>> areas = new ArrayList<>();
        int count = 0;
        for (Area area : Area.values()) {
            List<StagedFile> files = staging.indexed(area);
            areas.add(files);
            count += files.size();
        }
        if (count <= inBackgroundAbove) {
            scan(staging, areas, count);
            return;
        }
        scanning = true;
        log.info(
                "{} staged file(s) found at start-up: reading them in the background; until that is done every"
                        + " write is staged behind them",
                count);
        int found = count;
        background.execute(() -> scan(staging, areas, found));
    }

    private void scan(StagingStore staging, List<List<StagedFile>> areas, int count) {
        long started = System.nanoTime();
        try {
            for (List<StagedFile> files : areas) {
                for (StagedFile file : files) {
                    // one at a time: a large backlog's records never sit in memory together
                    if (staging.read(file) instanceof StagedEntry.Readable readable) {
                        StagedRecord r = readable.record();
                        Set<UUID> keys = OperationKeys.of(r.entityId(), r.payload());
                        // the file's id (equal to the record's, which the read checks) is the very object the
                        // store's index keeps: one UUID a held operation instead of two
                        UUID operationId = file.operationId();
                        synchronized (this) {
                            if (!removedDuringScan.contains(operationId)) {
                                add(operationId, keys);
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // staging stays conservative (every write staged) rather than let a write overtake the backlog
            log.error("Reading the staged files at start-up failed: every write is staged until the node restarts", e);
            return;
        }
        synchronized (this) {
            scanning = false;
            removedDuringScan.clear();
        }
        if (count > 0) {
            log.info(
                    "{} staged operation(s) read at start-up in {} ms: writes touching their records wait behind them",
                    size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** An operation now held in staging. */
    public synchronized void add(UUID operationId, Set<UUID> keys) {
        if (keysByOperation.containsKey(operationId)) {
            return;
        }
        long[] packed = new long[keys.size() * 2];
        int i = 0;
        for (UUID key : keys) {
            packed[i++] = key.getMostSignificantBits();
            packed[i++] = key.getLeastSignificantBits();
            holders.merge(key, 1, Integer::sum);
        }
        keysByOperation.put(operationId, packed);
    }

    /** An operation that left staging: applied or discarded. */
    public synchronized void remove(UUID operationId) {
        if (scanning) {
            removedDuringScan.add(operationId);
        }
        long[] keys = keysByOperation.remove(operationId);
        if (keys != null) {
            for (int i = 0; i < keys.length; i += 2) {
                holders.computeIfPresent(new UUID(keys[i], keys[i + 1]), (key, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /** Whether any held operation shares a key with {@code keys}; always, while the start-up scan runs. */
    public synchronized boolean holdsAny(Set<UUID> keys) {
        if (scanning) {
            return true;
        }
        if (holders.isEmpty()) {
            return false;
        }
        for (UUID key : keys) {
            if (holders.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether nothing is held (never while the start-up scan runs). */
    public synchronized boolean isEmpty() {
        return !scanning && keysByOperation.isEmpty();
    }

    /** Operations known to be held (while the start-up scan runs, those it has read so far). */
    public synchronized int size() {
        return keysByOperation.size();
    }

    /** Whether the start-up scan of the staged files is still running. */
    public synchronized boolean scanning() {
        return scanning;
    }
}
