package br.com.rhp.hospital.atendimento;

/** Why a patient moves to another bed. */
public enum MotivoTransferencia {
    MUDANCA_NIVEL_CUIDADO,
    ISOLAMENTO,
    ADEQUACAO_ACOMODACAO,
    SOLICITACAO_PACIENTE,
    OUTRO,
}
