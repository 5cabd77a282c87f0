package br.com.rhp.hospital.atendimento;

/** Who pays: the SUS, a health plan (with operator and card), or the patient. */
public enum Financiamento {
    SUS,
    CONVENIO,
    PARTICULAR,
}
