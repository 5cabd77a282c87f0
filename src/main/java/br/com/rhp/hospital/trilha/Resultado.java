package br.com.rhp.hospital.trilha;

/** How an audited action ended. */
public enum Resultado {
    /** It took effect (a write committed, a record was shown, a staged file was moved). */
    SUCESSO,
    /** A hospital rule refused it; nothing changed. */
    RECUSADO
}
