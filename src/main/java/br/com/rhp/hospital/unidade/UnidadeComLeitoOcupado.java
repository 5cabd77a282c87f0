package br.com.rhp.hospital.unidade;

import br.com.rhp.hospital.shared.RegraViolada;

/** A unit cannot be deactivated while a patient occupies one of its beds. */
public class UnidadeComLeitoOcupado extends RegraViolada {

    public UnidadeComLeitoOcupado(long ocupados) {
        super("A unidade não pode ser desativada: " + ocupados
                + " leito(s) ocupado(s). Transfira ou dê alta aos pacientes antes.");
    }
}
