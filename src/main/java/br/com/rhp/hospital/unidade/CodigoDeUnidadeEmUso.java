package br.com.rhp.hospital.unidade;

import br.com.rhp.hospital.shared.RegraViolada;

/** Another unit already has this code. */
public class CodigoDeUnidadeEmUso extends RegraViolada {

    public CodigoDeUnidadeEmUso(String codigo) {
        super("Já existe uma unidade com o código " + codigo + ".");
    }
}
