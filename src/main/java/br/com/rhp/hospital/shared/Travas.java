package br.com.rhp.hospital.shared;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Row locks for the rest of the current transaction (PostgreSQL {@code SELECT … FOR UPDATE}; SQLite has a
 * single writer anyway), taken through the persistence context rather than a query.
 *
 * <p>That matters when one transaction applies many operations (the replay applies a batch of staged
 * operations together): a record this transaction already locked, or created (a row not committed is
 * seen by no one else), is not locked again — no statement, no round trip to the database, and no
 * automatic flush before it, as a query would cause. A record read earlier without a lock is locked with
 * a check of its version, so a change made meanwhile by another transaction fails the write instead of
 * going unnoticed.
 */
@Component
public class Travas {

    private final EntityManager entityManager;

    Travas(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The record, locked until the end of the transaction; empty when it does not exist. */
    public <T> Optional<T> travar(Class<T> tipo, UUID id) {
        return Optional.ofNullable(entityManager.find(tipo, id, LockModeType.PESSIMISTIC_WRITE));
    }
}
