package br.com.rhp.hospital.leito;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The bed form: what a user fills in to register a bed. A new bed is DISPONIVEL; its status then
 * changes only through {@code POST /api/leitos/{id}/status} and the admission, transfer and discharge
 * events.
 */
public record LeitoForm(
        @NotNull(message = "informe a unidade do leito") UUID unidadeId,

        @NotBlank(message = "informe o código do leito")
        @Size(max = 30, message = "o código tem no máximo 30 caracteres")
        @Pattern(regexp = CODIGO_PADRAO, message = CODIGO_MENSAGEM)
        String codigo,

        @NotNull(message = "informe o tipo do leito") TipoLeito tipo,

        @NotNull(message = "informe a acomodação do leito (APARTAMENTO ou ENFERMARIA)")
        Acomodacao acomodacao) {

    static final String CODIGO_PADRAO = "[A-Za-z0-9._-]*";
    static final String CODIGO_MENSAGEM = "o código usa letras, dígitos, ponto, hífen e sublinhado";

    public LeitoForm {
        codigo = codigo == null ? null : codigo.strip();
    }
}
