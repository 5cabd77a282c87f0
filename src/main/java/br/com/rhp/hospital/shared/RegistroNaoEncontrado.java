package br.com.rhp.hospital.shared;

import java.util.UUID;

/** The record named by an id does not exist (or is not visible). */
public class RegistroNaoEncontrado extends ProblemaDeDominio {

    private final String entidade;

    public RegistroNaoEncontrado(String entidade, UUID id) {
        super(entidade + " " + id + " não encontrado(a).");
        this.entidade = entidade;
    }

    public String entidade() {
        return entidade;
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String titulo() {
        return "Registro não encontrado";
    }
}
