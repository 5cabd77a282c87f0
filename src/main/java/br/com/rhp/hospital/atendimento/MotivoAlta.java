package br.com.rhp.hospital.atendimento;

/** Why an encounter ended. */
public enum MotivoAlta {
    ALTA_CURADO,
    ALTA_MELHORADO,
    ALTA_INALTERADO,
    ALTA_A_PEDIDO,
    EVASAO,
    TRANSFERENCIA_EXTERNA,
    OBITO,
    ORDEM_JUDICIAL,
    ADMINISTRATIVA,
}
