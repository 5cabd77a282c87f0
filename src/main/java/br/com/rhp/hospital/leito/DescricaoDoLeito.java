package br.com.rhp.hospital.leito;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The descriptive fields of a bed, the only ones a merge patch may change. The unit is fixed (a bed
 * moved to another unit is a new bed) and the status has its own command.
 */
public record DescricaoDoLeito(
        @NotBlank(message = "informe o código do leito")
        @Size(max = 30, message = "o código tem no máximo 30 caracteres")
        @Pattern(regexp = LeitoForm.CODIGO_PADRAO, message = LeitoForm.CODIGO_MENSAGEM)
        String codigo,

        @NotNull(message = "informe o tipo do leito") TipoLeito tipo,

        @NotNull(message = "informe a acomodação do leito (APARTAMENTO ou ENFERMARIA)")
        Acomodacao acomodacao) {

    public DescricaoDoLeito {
        codigo = codigo == null ? null : codigo.strip();
    }

    static DescricaoDoLeito de(Leito l) {
        return new DescricaoDoLeito(l.codigo(), l.tipo(), l.acomodacao());
    }
}
