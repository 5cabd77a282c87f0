package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** The unit is deactivated: it receives no new beds. */
public class UnidadeInativa extends DadosInconsistentes {

    public UnidadeInativa(String codigoUnidade) {
        super("A unidade " + codigoUnidade + " está inativa e não recebe novos leitos. Reative-a antes.");
    }
}
