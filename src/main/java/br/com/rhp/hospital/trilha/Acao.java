package br.com.rhp.hospital.trilha;

/** What an audited person did. */
public enum Acao {
    /** Created a record. */
    CRIAR,
    /** Changed a record (merge patch, bed status, …; the command says which). */
    ALTERAR,
    /** Voided a record (anulação). */
    ANULAR,
    /** Cancelled an encounter. */
    CANCELAR,
    /** Read a patient-level record: a patient, an encounter, who is in a bed, a census. */
    LER,
    /** Sent a staged operation back from quarantine or conflict for another replay. */
    REPROCESSAR,
    /** Discarded a staged operation for good. */
    DESCARTAR,
    /** Used the break-the-glass override to reach what the role alone does not allow. */
    ACESSO_EMERGENCIAL;

    /** The action of a write, from its operation's action ({@code create}/{@code update}) and command. */
    public static Acao daOperacao(String action, String command) {
        if ("create".equals(action)) {
            return CRIAR;
        }
        return switch (command) {
            case "anular" -> ANULAR;
            case "cancelar" -> CANCELAR;
            default -> ALTERAR;
        };
    }
}
