package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.RegraViolada;

/** Another professional already has this registration (council, state and number). */
public class RegistroNoConselhoJaCadastrado extends RegraViolada {

    public RegistroNoConselhoJaCadastrado() {
        super("Já existe um profissional com este registro no conselho (mesmo conselho, UF e número).");
    }
}
