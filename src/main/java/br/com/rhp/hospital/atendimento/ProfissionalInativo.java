package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** An inactive professional cannot be responsible for new events. */
public class ProfissionalInativo extends DadosInconsistentes {

    public ProfissionalInativo() {
        super("O profissional informado está inativo.");
    }
}
