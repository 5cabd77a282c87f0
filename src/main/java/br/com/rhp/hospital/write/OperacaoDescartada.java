package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.RegraViolada;

/**
 * The submission named by this {@code Idempotency-Key} was staged and then discarded by an administrator
 * (409): it will not be applied, and sending it again under the same key does not bring it back.
 */
public class OperacaoDescartada extends RegraViolada {

    OperacaoDescartada() {
        super("A operação com esta Idempotency-Key foi descartada por um administrador e não será aplicada;"
                + " se ainda for necessária, envie o formulário de novo com uma nova chave.");
    }
}
