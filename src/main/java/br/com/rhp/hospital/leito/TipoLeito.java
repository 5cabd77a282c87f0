package br.com.rhp.hospital.leito;

/** Kinds of bed (the hospital census vocabulary). */
public enum TipoLeito {
    CLINICO,
    CIRURGICO,
    OBSTETRICO,
    PEDIATRICO,
    UTI_ADULTO,
    UTI_PEDIATRICA,
    UTI_NEONATAL,
    UCI,
    OBSERVACAO,
    ISOLAMENTO,
    PSIQUIATRICO,
    HOSPITAL_DIA
}
