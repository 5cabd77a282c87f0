package br.com.rhp.hospital.shared;

/**
 * Base of rules whose violation is a conflict with the current state of the hospital (409): the
 * request is valid in itself, but the bed is taken, the stay is over, the code is in use.
 */
public abstract class RegraViolada extends ProblemaDeDominio {

    protected RegraViolada(String mensagem) {
        super(mensagem);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String titulo() {
        return "Regra do hospital violada";
    }
}
