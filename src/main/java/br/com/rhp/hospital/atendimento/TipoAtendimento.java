package br.com.rhp.hospital.atendimento;

/** Kinds of encounter. */
public enum TipoAtendimento {
    AMBULATORIAL,
    URGENCIA_EMERGENCIA,
    OBSERVACAO,
    INTERNACAO,
}
