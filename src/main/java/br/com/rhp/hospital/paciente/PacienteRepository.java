package br.com.rhp.hospital.paciente;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

/** Reads patients. Writes go through the write gateway. */
public interface PacienteRepository extends JpaRepository<Paciente, UUID>, JpaSpecificationExecutor<Paciente> {

    boolean existsByCpfAndAnuladoFalseAndIdNot(String cpf, UUID id);

    boolean existsByCnsAndAnuladoFalseAndIdNot(String cns, UUID id);

    /**
     * Ongoing encounters of the patient, read from the encounter table so that this package need not
     * know encounters.
     *
     * @param pacienteId the patient's id as text, as stored
     */
    @Query(
            value = "SELECT COUNT(*) FROM atendimento WHERE paciente_id = :pacienteId AND status = 'EM_ANDAMENTO'",
            nativeQuery = true)
    long contarAtendimentosEmAndamento(String pacienteId);
}
