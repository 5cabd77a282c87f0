package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.RegraViolada;

/** The encounter already has its discharge. */
public class AltaJaRegistrada extends RegraViolada {

    public AltaJaRegistrada() {
        super("Este atendimento já tem alta registrada.");
    }
}
