package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/**
 * A patient record would have neither a CPF nor a CNS and not be flagged as unidentified with a
 * justification, or would be identified without a name or birth date. The form reports this field by
 * field; this guards the entity when an operation is replayed.
 */
public class PacienteSemIdentificacao extends DadosInconsistentes {

    public PacienteSemIdentificacao() {
        super("O paciente precisa de CPF ou CNS, com nome e data de nascimento, ou ser registrado como não"
                + " identificado, com a justificativa.");
    }
}
