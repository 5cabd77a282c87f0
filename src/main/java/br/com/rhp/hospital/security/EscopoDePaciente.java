package br.com.rhp.hospital.security;

import java.util.Set;
import java.util.UUID;

/**
 * Which patients a user limited to some units may see: implemented where encounters live, so that the
 * security package needs no domain package.
 */
public interface EscopoDePaciente {

    /** Patients with an ongoing encounter in one of {@code unidades} (its unit or its current bed's). */
    Set<UUID> pacientesEmAtendimento(Set<UUID> unidades);

    /** Whether {@code pacienteId} has an ongoing encounter in one of {@code unidades}. */
    boolean emAtendimento(UUID pacienteId, Set<UUID> unidades);
}
