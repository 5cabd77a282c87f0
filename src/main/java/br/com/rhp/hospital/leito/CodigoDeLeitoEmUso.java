package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.RegraViolada;

/** Another bed of the same unit already has this code. */
public class CodigoDeLeitoEmUso extends RegraViolada {

    public CodigoDeLeitoEmUso(String codigo) {
        super("Já existe um leito com o código " + codigo + " nesta unidade.");
    }
}
