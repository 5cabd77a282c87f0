package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.RegraViolada;

/** The patient already has an ongoing admission. */
public class PacienteJaInternado extends RegraViolada {

    public PacienteJaInternado() {
        super("O paciente já tem uma internação em andamento: transfira-o de leito ou registre a alta antes.");
    }
}
