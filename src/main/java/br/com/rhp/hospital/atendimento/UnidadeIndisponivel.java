package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** The unit cannot receive the encounter (inactive, or does not admit). */
public class UnidadeIndisponivel extends DadosInconsistentes {

    public UnidadeIndisponivel(String motivo) {
        super("A unidade não pode receber o atendimento: " + motivo + ".");
    }
}
