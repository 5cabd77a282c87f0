package br.com.rhp.hospital.security;

/** The roles of RHP's staff. */
public enum Papel {
    /** IT and administration: everything, including staging operations. */
    ADMIN,
    /** Reception: registers patients and opens encounters. */
    RECEPCAO,
    /** Nursing: reads patients and stays, transfers, discharges, bed status. */
    ENFERMAGEM,
    /** Physicians: reads patients and stays, admissions, transfers, discharges. */
    MEDICO,
    /** Bed management: units, beds, admissions, transfers, census. */
    GESTAO_LEITOS,
    /** Housekeeping: bed status only, never a patient's identity. */
    HIGIENIZACAO,
    /**
     * Audit (the data protection officer, internal audit): reads the audit trail and checks its chains;
     * nothing else — no patient data, no writes.
     */
    AUDITOR
}
