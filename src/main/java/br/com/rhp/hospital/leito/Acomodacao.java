package br.com.rhp.hospital.leito;

/** Room kind of a bed. */
public enum Acomodacao {
    APARTAMENTO,
    ENFERMARIA
}
