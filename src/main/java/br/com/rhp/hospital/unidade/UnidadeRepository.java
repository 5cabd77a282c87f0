package br.com.rhp.hospital.unidade;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Reads units. Writes go through the write gateway. */
public interface UnidadeRepository extends JpaRepository<Unidade, UUID>, JpaSpecificationExecutor<Unidade> {

    boolean existsByCodigoAndIdNot(String codigo, UUID id);

    /** Occupied beds of the unit (read from the bed table, so this package need not know beds). */
    @Query(
            value = "SELECT COUNT(*) FROM leito WHERE unidade_id = :unidadeId AND status = 'OCUPADO'",
            nativeQuery = true)
    long contarLeitosOcupados(UUID unidadeId);
}
