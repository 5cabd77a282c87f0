package br.com.rhp.hospital.profissional;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Reads professionals. Writes go through the write gateway. */
public interface ProfissionalRepository
        extends JpaRepository<Profissional, UUID>, JpaSpecificationExecutor<Profissional> {}
