package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.RegraViolada;

/** The patient's record was voided: it is kept as it was and cannot be changed or voided again. */
public class PacienteAnulado extends RegraViolada {

    public PacienteAnulado() {
        super("O cadastro deste paciente foi anulado e não pode mais ser alterado. Se for o caso, faça um novo"
                + " cadastro.");
    }
}
