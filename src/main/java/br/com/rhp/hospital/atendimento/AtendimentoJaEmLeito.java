package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.RegraViolada;

/** The stay already has an open bed occupancy. */
public class AtendimentoJaEmLeito extends RegraViolada {

    public AtendimentoJaEmLeito() {
        super("Este atendimento já ocupa um leito.");
    }
}
