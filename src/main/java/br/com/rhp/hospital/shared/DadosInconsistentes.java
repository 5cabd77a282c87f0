package br.com.rhp.hospital.shared;

/**
 * Base of rules about the content of a request that can only be checked against other records or
 * across fields (422): a discharge before the admission, a CNES missing for an establishment.
 */
public abstract class DadosInconsistentes extends ProblemaDeDominio {

    protected DadosInconsistentes(String mensagem) {
        super(mensagem);
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String titulo() {
        return "Dados inconsistentes";
    }
}
