package br.com.rhp.hospital.write;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AppliedOperationRepository extends JpaRepository<AppliedOperation, UUID> {}
