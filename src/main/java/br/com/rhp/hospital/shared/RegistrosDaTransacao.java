package br.com.rhp.hospital.shared;

import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.Status;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the current transaction itself created, so that a rule check about such a record can be answered
 * without a query (the replay applies a batch of operations in one transaction, and each query is a round
 * trip to the database).
 *
 * <p>Why that is exact: a record created in this transaction is seen by no other transaction until the
 * commit, and a foreign key cannot reference a row its transaction cannot see — so every row that refers to
 * it was written by this transaction, through the persistence context, and is still managed there (nothing
 * on the write path clears or detaches it). Asking the persistence context about those rows therefore gives
 * what the database would, once it has received this transaction's changes; and it knows the changes not
 * flushed yet as well.
 */
@Component
public class RegistrosDaTransacao {

    private static final Object CHAVE = new Object();

    private final EntityManager entityManager;

    RegistrosDaTransacao(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records that the current transaction created the record {@code id}; outside one, does nothing. */
    public void criado(UUID id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        criados(true).add(id);
    }

    /** Whether the current transaction created the record {@code id} (and said so with {@link #criado}). */
    public boolean criadoNestaTransacao(UUID id) {
        Set<UUID> criados = criados(false);
        return criados != null && criados.contains(id);
    }

    /** The records of {@code tipo} the current transaction's persistence context holds, as it holds them. */
    public <T> Stream<T> gerenciados(Class<T> tipo) {
        Map.Entry<Object, EntityEntry>[] entradas = entityManager
                .unwrap(SessionImplementor.class)
                .getPersistenceContextInternal()
                .reentrantSafeEntityEntries();
        return Stream.of(entradas)
                .filter(e -> e.getValue().getStatus() == Status.MANAGED)
                .map(Map.Entry::getKey)
                .filter(tipo::isInstance)
                .map(tipo::cast);
    }

    @SuppressWarnings("unchecked")
    private Set<UUID> criados(boolean criar) {
        Set<UUID> criados = (Set<UUID>) TransactionSynchronizationManager.getResource(CHAVE);
        if (criados == null && criar) {
            Set<UUID> novo = new HashSet<>();
            TransactionSynchronizationManager.bindResource(CHAVE, novo);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CHAVE);
                }
            });
            criados = novo;
        }
        return criados;
    }
}
