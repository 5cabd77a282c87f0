package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/**
 * An {@code Idempotency-Key} already used for another kind of write (422): a key names one submission of
 * one form, so it cannot be reused for a different entity or action.
 */
public class ChaveDeIdempotenciaReutilizada extends DadosInconsistentes {

    ChaveDeIdempotenciaReutilizada() {
        super("Esta Idempotency-Key já foi usada em outra operação; gere uma nova chave para cada formulário.");
    }
}
