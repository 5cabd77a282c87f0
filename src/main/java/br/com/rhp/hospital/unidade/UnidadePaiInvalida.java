package br.com.rhp.hospital.unidade;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** The parent unit does not exist, or would make the hierarchy a cycle. */
public class UnidadePaiInvalida extends DadosInconsistentes {

    public UnidadePaiInvalida(String motivo) {
        super("Unidade superior inválida: " + motivo + ".");
    }
}
