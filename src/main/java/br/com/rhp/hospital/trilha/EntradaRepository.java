package br.com.rhp.hospital.trilha;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface EntradaRepository extends JpaRepository<EntradaDaTrilha, UUID>, JpaSpecificationExecutor<EntradaDaTrilha> {

    /** The next entries of a chain after {@code posicao}, in order: verification reads a chain page by page. */
    List<EntradaDaTrilha> findByCadeiaAndPosicaoGreaterThanOrderByPosicaoAsc(
            String cadeia, long posicao, Pageable limite);

    @Query("select distinct e.cadeia from EntradaDaTrilha e")
    List<String> cadeiasComEntradas();
}
