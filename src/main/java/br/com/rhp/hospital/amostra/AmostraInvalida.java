package br.com.rhp.hospital.amostra;

/**
 * The sample itself is wrong: one of its forms fails validation or an operation was not applied. A bug
 * of this package, never of the user; its message names fields and kinds, never personal data, so it
 * may be logged.
 */
class AmostraInvalida extends IllegalStateException {

    AmostraInvalida(String mensagem) {
        super(mensagem);
    }
}
