package br.com.rhp.hospital.shared;

import java.util.UUID;

/**
 * A request names, in its body, a record that does not exist (422). A missing record in the URL is a
 * {@link RegistroNaoEncontrado} (404) instead.
 */
public class ReferenciaInexistente extends DadosInconsistentes {

    public ReferenciaInexistente(String entidade, UUID id) {
        super(entidade + " " + id + " informado(a) não existe.");
    }
}
