package br.com.rhp.hospital.atendimento;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AltaRepository extends JpaRepository<Alta, UUID>, JpaSpecificationExecutor<Alta> {

    boolean existsByAtendimentoId(UUID atendimentoId);
}
