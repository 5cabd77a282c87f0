package br.com.rhp.hospital.security;

import br.com.rhp.hospital.shared.ProblemaDeDominio;

/** The break-the-glass header was sent with a reason too short (or too long) to be a reason. */
class MotivoDeAcessoEmergencialInvalido extends ProblemaDeDominio {

    MotivoDeAcessoEmergencialInvalido(int minimo, int maximo) {
        super("Informe no cabeçalho " + AcessoPorUnidade.CABECALHO + " o motivo do acesso emergencial, com " + minimo
                + " a " + maximo + " caracteres.");
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String titulo() {
        return "Motivo do acesso emergencial inválido";
    }
}
