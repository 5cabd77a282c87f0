package br.com.rhp.hospital.atendimento;

/** Whether the encounter was planned or urgent. */
public enum Carater {
    ELETIVO,
    URGENCIA,
}
