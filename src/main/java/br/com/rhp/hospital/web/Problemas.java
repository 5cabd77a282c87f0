package br.com.rhp.hospital.web;

import br.com.rhp.hospital.shared.DadosInvalidos;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details the same way everywhere: a rule name, a Portuguese title and detail. */
public final class Problemas {

    private static final String TYPE_PREFIX = "urn:rhp:hospital-api:problema:";

    private Problemas() {}

    public static ProblemDetail de(HttpStatusCode status, String regra, String titulo, String detalhe) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detalhe);
        problem.setType(URI.create(TYPE_PREFIX + regra));
        problem.setTitle(titulo);
        problem.setProperty("regra", regra);
        return problem;
    }

    /** A 400 listing every bad field. */
    public static ProblemDetail dadosInvalidos(List<DadosInvalidos.Campo> erros) {
        ProblemDetail problem = de(
                HttpStatusCode.valueOf(400),
                "DadosInvalidos",
                "Dados inválidos",
                erros.size() == 1
                        ? "Um campo não foi aceito: corrija-o e envie de novo."
                        : erros.size() + " campos não foram aceitos: corrija-os e envie de novo.");
        problem.setProperty("erros", erros);
        return problem;
    }
}
