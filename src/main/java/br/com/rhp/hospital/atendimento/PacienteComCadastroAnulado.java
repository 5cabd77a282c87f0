package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** A voided patient record cannot receive new encounters. */
public class PacienteComCadastroAnulado extends DadosInconsistentes {

    public PacienteComCadastroAnulado() {
        super("O cadastro deste paciente foi anulado; use o cadastro correto.");
    }
}
