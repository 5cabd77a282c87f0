package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.RegraViolada;

/** The bed cannot receive a patient in its current status (cleaning, blocked, maintenance, deactivated). */
public class LeitoIndisponivel extends RegraViolada {

    public LeitoIndisponivel(String codigo, StatusLeito status) {
        super("O leito " + codigo + " não pode receber paciente: está em " + status + ".");
    }
}
