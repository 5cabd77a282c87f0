package br.com.rhp.hospital.profissional;

/** Professional councils (NENHUM for professions without one). */
public enum Conselho {
    CRM,
    COREN,
    CRF,
    CREFITO,
    CRN,
    CRP,
    CRO,
    CRBM,
    CRESS,
    CRFA,
    COFFITO,
    NENHUM
}
