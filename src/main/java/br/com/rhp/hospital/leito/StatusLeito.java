package br.com.rhp.hospital.leito;

/**
 * Bed states: {@code DISPONIVEL → OCUPADO → HIGIENIZACAO → DISPONIVEL}, plus RESERVADO, BLOQUEADO and
 * MANUTENCAO (each with a reason) and DESATIVADO. Only admission, transfer and discharge set or
 * clear OCUPADO.
 */
public enum StatusLeito {
    DISPONIVEL,
    OCUPADO,
    HIGIENIZACAO,
    RESERVADO,
    BLOQUEADO,
    MANUTENCAO,
    DESATIVADO;

    /** Whether a change to this status must say why. */
    public boolean exigeMotivo() {
        return this == RESERVADO || this == BLOQUEADO || this == MANUTENCAO || this == DESATIVADO;
    }

    /** Whether an admission or a transfer may put a patient in a bed in this status. */
    public boolean recebePaciente() {
        return this == DISPONIVEL || this == RESERVADO;
    }
}
