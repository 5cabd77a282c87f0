package br.com.rhp.hospital.trilha;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CabecaRepository extends JpaRepository<CabecaDaTrilha, String> {

    /** The head of a chain, locked until the end of the transaction. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from CabecaDaTrilha c where c.cadeia = :cadeia")
    Optional<CabecaDaTrilha> travar(@Param("cadeia") String cadeia);

    /**
     * Creates a chain's head at position 0 unless it exists: two nodes (or two threads) starting a chain at
     * once both succeed, and one row results.
     */
    @Modifying
    @Query(
            value = "INSERT INTO trilha_auditoria_cabeca (cadeia, posicao, hash) VALUES (:cadeia, 0, :hash)"
                    + " ON CONFLICT (cadeia) DO NOTHING",
            nativeQuery = true)
    int criarSeFaltar(@Param("cadeia") String cadeia, @Param("hash") String hash);
}
