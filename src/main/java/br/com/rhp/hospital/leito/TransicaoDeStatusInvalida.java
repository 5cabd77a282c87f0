package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** A status change the bed's status machine does not allow, or one without its required reason. */
public class TransicaoDeStatusInvalida extends DadosInconsistentes {

    public TransicaoDeStatusInvalida(String mensagem) {
        super(mensagem);
    }
}
