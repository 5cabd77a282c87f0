package br.com.rhp.hospital.security;

import br.com.rhp.hospital.shared.ProblemaDeDominio;

/** A user limited to some units asked for a record of another unit (or of a unit that cannot be told). */
class AcessoNegadoAUnidade extends ProblemaDeDominio {

    AcessoNegadoAUnidade(String mensagem) {
        super(mensagem);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String titulo() {
        return "Acesso negado";
    }
}
