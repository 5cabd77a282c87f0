package br.com.rhp.hospital.unidade;

/** Kinds of place of care. */
public enum TipoUnidade {
    ESTABELECIMENTO,
    PREDIO,
    ALA,
    ENFERMARIA,
    UTI,
    UCI,
    EMERGENCIA,
    CENTRO_CIRURGICO,
    AMBULATORIO
}
