package br.com.rhp.hospital.atendimento;

/** Status of an encounter. */
public enum StatusAtendimento {
    EM_ANDAMENTO,
    FINALIZADO,
    CANCELADO,
}
