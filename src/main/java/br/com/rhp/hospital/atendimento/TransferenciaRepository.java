package br.com.rhp.hospital.atendimento;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface TransferenciaRepository extends JpaRepository<Transferencia, UUID>, JpaSpecificationExecutor<Transferencia> {}
