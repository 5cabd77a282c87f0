package br.com.rhp.hospital.leito;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Reads beds. Writes go through the write gateway. */
public interface LeitoRepository extends JpaRepository<Leito, UUID>, JpaSpecificationExecutor<Leito> {

    /**
     * The bed, locked for the rest of the transaction (PostgreSQL {@code SELECT … FOR UPDATE}), so two
     * admissions or transfers into one bed are serialised. SQLite has a single writer anyway.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from Leito l where l.id = :id")
    Optional<Leito> travar(UUID id);

    boolean existsByUnidadeIdAndCodigoAndIdNot(UUID unidadeId, String codigo, UUID id);

    List<Leito> findByUnidadeIdOrderByCodigo(UUID unidadeId);
}
