package br.com.rhp.hospital.atendimento;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AtendimentoRepository extends JpaRepository<Atendimento, UUID>, JpaSpecificationExecutor<Atendimento> {

    /** The encounter, locked for the transaction: events on one stay are applied one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Atendimento a where a.id = :id")
    Optional<Atendimento> travar(UUID id);

    boolean existsByPacienteIdAndTipoAndStatus(UUID pacienteId, TipoAtendimento tipo, StatusAtendimento status);
}
