package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.RegraViolada;

/** Another patient record (not voided) already has this CNS. The CNS is not repeated in the message. */
public class CnsJaCadastrado extends RegraViolada {

    public CnsJaCadastrado() {
        super("Já existe um paciente cadastrado com este CNS. Procure-o pelo CNS antes de cadastrar de novo.");
    }
}
