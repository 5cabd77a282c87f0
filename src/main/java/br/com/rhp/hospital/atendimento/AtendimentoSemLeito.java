package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** Only an admission with a bed can be transferred. */
public class AtendimentoSemLeito extends DadosInconsistentes {

    public AtendimentoSemLeito() {
        super("Este atendimento não ocupa leito: só uma internação pode ser transferida de leito.");
    }
}
