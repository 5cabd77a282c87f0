package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.RegraViolada;

/** Another patient record (not voided) already has this CPF. The CPF is not repeated in the message. */
public class CpfJaCadastrado extends RegraViolada {

    public CpfJaCadastrado() {
        super("Já existe um paciente cadastrado com este CPF. Procure-o pelo CPF antes de cadastrar de novo.");
    }
}
