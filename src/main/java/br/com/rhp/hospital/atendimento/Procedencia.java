package br.com.rhp.hospital.atendimento;

/** Where the patient came from; required for an admission. */
public enum Procedencia {
    DEMANDA_ESPONTANEA,
    REFERENCIADA,
    TRANSFERENCIA_EXTERNA,
    RETORNO,
    ORDEM_JUDICIAL,
}
