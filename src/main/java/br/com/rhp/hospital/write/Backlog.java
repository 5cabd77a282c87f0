package br.com.rhp.hospital.write;

import br.com.rhp.hospital.staging.Area;
import br.com.rhp.hospital.staging.StagedEntry;
import br.com.rhp.hospital.staging.StagedRecord;
import br.com.rhp.hospital.staging.StagingStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The keys ({@link OperationKeys}) of every operation this node holds in staging — pending, quarantined or
 * in conflict — so that a live write touching one of them is staged behind them instead of overtaking
 * them (STORE-AND-FORWARD.md §5). Kept in memory; rebuilt from the staging area at start-up.
 */
@Component
public class Backlog {

    private static final Logger log = LoggerFactory.getLogger(Backlog.class);

    private final Map<UUID, Set<UUID>> keysByOperation = new HashMap<>();
    private final Map<UUID, Integer> holders = new HashMap<>();

    Backlog(StagingStore staging) {
        for (Area area : Area.values()) {
            for (StagedEntry entry : staging.entries(area)) {
                if (entry instanceof StagedEntry.Readable readable) {
                    StagedRecord r = readable.record();
                    add(r.operationId(), OperationKeys.of(r.entityId(), r.payload()));
                }
            }
        }
        if (!keysByOperation.isEmpty()) {
            log.info(
                    "{} staged operation(s) found at start-up: writes touching their records wait behind them",
                    keysByOperation.size());
        }
    }

    /** An operation now held in staging. */
    public synchronized void add(UUID operationId, Set<UUID> keys) {
        if (keysByOperation.putIfAbsent(operationId, Set.copyOf(keys)) == null) {
            keys.forEach(k -> holders.merge(k, 1, Integer::sum));
        }
    }

    /** An operation that left staging: applied or discarded. */
    public synchronized void remove(UUID operationId) {
        Set<UUID> keys = keysByOperation.remove(operationId);
        if (keys != null) {
            keys.forEach(k -> holders.computeIfPresent(k, (key, n) -> n == 1 ? null : n - 1));
        }
    }

    /** Whether any held operation shares a key with {@code keys}. */
    public synchronized boolean holdsAny(Set<UUID> keys) {
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

    public synchronized boolean isEmpty() {
        return keysByOperation.isEmpty();
    }

    public synchronized int size() {
        return keysByOperation.size();
    }
}
