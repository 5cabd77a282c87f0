package br.com.rhp.hospital.profissional;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Reads professionals. Writes go through the write gateway. */
public interface ProfissionalRepository
        extends JpaRepository<Profissional, UUID>, JpaSpecificationExecutor<Profissional> {

    boolean existsByCpfAndIdNot(String cpf, UUID id);

    boolean existsByConselhoAndConselhoUfAndConselhoNumeroAndIdNot(
            Conselho conselho, String conselhoUf, String conselhoNumero, UUID id);

    /**
     * Which of the given units exist, read from the unit table so that this package need not know
     * units.
     *
     * @param ids unit ids as text, as stored; not empty
     */
    @Query(value = "SELECT id FROM unidade WHERE id IN (:ids)", nativeQuery = true)
    List<String> unidadesExistentes(Collection<String> ids);
}
