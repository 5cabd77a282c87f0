package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** Beds belong to units that admit patients; a building, an outpatient clinic or an operating theatre has none. */
public class UnidadeNaoAceitaInternacao extends DadosInconsistentes {

    public UnidadeNaoAceitaInternacao(String codigoUnidade) {
        super("A unidade " + codigoUnidade + " não aceita internação: leitos só são cadastrados em unidades de "
                + "internação.");
    }
}
