package br.com.rhp.hospital.shared;

import java.util.List;

/**
 * Fields a client sent that cannot be accepted (400): each named as in the JSON, with why. Raised
 * before a write is accepted, so bad input is never staged; if a staged operation turns out invalid
 * when replayed, replay quarantines it.
 */
public class DadosInvalidos extends ProblemaDeDominio {

    /** One rejected field: its JSON name (snake_case) and a Portuguese reason. */
    public record Campo(String campo, String mensagem) {}

    private final transient List<Campo> campos;

    public DadosInvalidos(List<Campo> campos) {
        super("invalid fields: " + campos.stream().map(Campo::campo).toList());
        this.campos = List.copyOf(campos);
    }

    public DadosInvalidos(String campo, String mensagem) {
        this(List.of(new Campo(campo, mensagem)));
    }

    public List<Campo> campos() {
        return campos;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String titulo() {
        return "Dados inválidos";
    }
}
