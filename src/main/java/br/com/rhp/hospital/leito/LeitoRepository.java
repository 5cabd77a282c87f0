package br.com.rhp.hospital.leito;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Reads beds. Writes go through the write gateway; a bed is locked with {@link
 * br.com.rhp.hospital.shared.Travas}, so two admissions or transfers into one bed are serialised.
 */
public interface LeitoRepository extends JpaRepository<Leito, UUID>, JpaSpecificationExecutor<Leito> {

    boolean existsByUnidadeIdAndCodigoAndIdNot(UUID unidadeId, String codigo, UUID id);

    List<Leito> findByUnidadeIdOrderByCodigo(UUID unidadeId);
}
