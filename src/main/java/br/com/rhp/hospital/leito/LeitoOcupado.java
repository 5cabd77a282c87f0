package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.RegraViolada;

/** The bed already has a patient: no second patient, and no manual status change, until it is freed. */
public class LeitoOcupado extends RegraViolada {

    public LeitoOcupado(String codigo) {
        super("O leito " + codigo + " está ocupado.");
    }
}
