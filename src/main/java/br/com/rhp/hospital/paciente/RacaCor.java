package br.com.rhp.hospital.paciente;

/** Race/colour in the IBGE categories used by the SUS. */
public enum RacaCor {
    BRANCA,
    PRETA,
    PARDA,
    AMARELA,
    INDIGENA,
    SEM_INFORMACAO
}
