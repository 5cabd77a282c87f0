package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.RegraViolada;

/** Another professional already has this CPF. The CPF is not repeated in the message. */
public class CpfDeProfissionalJaCadastrado extends RegraViolada {

    public CpfDeProfissionalJaCadastrado() {
        super("Já existe um profissional cadastrado com este CPF.");
    }
}
