package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** A discharge from an admission records the main diagnosis. */
public class CidObrigatorioNaInternacao extends DadosInconsistentes {

    public CidObrigatorioNaInternacao() {
        super("Informe o CID principal: é obrigatório na alta de uma internação.");
    }
}
