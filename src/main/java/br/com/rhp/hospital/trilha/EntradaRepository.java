package br.com.rhp.hospital.trilha;

import jakarta.persistence.QueryHint;
import java.util.List;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

interface EntradaRepository extends JpaRepository<EntradaDaTrilha, UUID>, JpaSpecificationExecutor<EntradaDaTrilha> {

    /**
     * The next sealed entries of a chain after {@code posicao}, in order: verification reads a chain page by
     * page (unsealed entries, whose position is null, are never among them).
     */
    List<EntradaDaTrilha> findByCadeiaAndPosicaoGreaterThanOrderByPosicaoAsc(
            String cadeia, long posicao, Pageable limite);

    @Query("select distinct e.cadeia from EntradaDaTrilha e")
    List<String> cadeiasComEntradas();

    /** The chains that have unsealed entries (from the partial index of unsealed entries). */
    @Query("select distinct e.cadeia from EntradaDaTrilha e where e.posicao is null")
    List<String> cadeiasComEntradasNaoSeladas();

    /**
     * The first unsealed entries of a chain, in the order the sealer gives them positions: when they were
     * written, then id (a stable order, whatever the engine). Read-only: the sealer updates them by SQL.
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    @Query("select e from EntradaDaTrilha e where e.cadeia = :cadeia and e.posicao is null"
            + " order by e.gravadoEm, e.id")
    List<EntradaDaTrilha> naoSeladas(@Param("cadeia") String cadeia, Pageable limite);

    long countByCadeiaAndPosicaoIsNull(String cadeia);
}
