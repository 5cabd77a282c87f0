package br.com.rhp.hospital.paciente;

/** Sex as recorded by the SUS systems: masculino, feminino, ignorado. */
public enum Sexo {
    M,
    F,
    I
}
