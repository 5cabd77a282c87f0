package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.RegraViolada;

/** A transfer names an origin that is not the stay's current bed. */
public class LeitoDeOrigemDivergente extends RegraViolada {

    public LeitoDeOrigemDivergente() {
        super("O leito de origem informado não é o leito atual do paciente; recarregue a internação.");
    }
}
