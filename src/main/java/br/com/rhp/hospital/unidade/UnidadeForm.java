package br.com.rhp.hospital.unidade;

import br.com.rhp.hospital.shared.validacao.Cnes;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The unit form: what a user fills in to register or change a unit. */
@FormularioConsistente
public record UnidadeForm(
        @NotBlank(message = "informe o código da unidade")
        @Size(max = 30, message = "o código tem no máximo 30 caracteres")
        @Pattern(regexp = "[A-Za-z0-9._-]*", message = "o código usa letras, dígitos, ponto, hífen e sublinhado")
        String codigo,

        @NotBlank(message = "informe o nome da unidade")
        @Size(max = 120, message = "o nome tem no máximo 120 caracteres")
        String nome,

        @NotNull(message = "informe o tipo da unidade") TipoUnidade tipo,
        UUID unidadePaiId,
        @Cnes String cnes,

        @NotNull(message = "informe se a unidade aceita internação")
        Boolean aceitaInternacao,

        @NotNull(message = "informe se a unidade está ativa")
        Boolean ativo)
        implements FormularioConsistente.Regras {

    public UnidadeForm {
        codigo = codigo == null ? null : codigo.strip();
        nome = nome == null ? null : nome.strip();
        cnes = cnes == null || cnes.isBlank() ? null : cnes.strip();
        ativo = ativo == null ? Boolean.TRUE : ativo;
    }

    static UnidadeForm de(Unidade u) {
        return new UnidadeForm(
                u.codigo(), u.nome(), u.tipo(), u.unidadePaiId(), u.cnes(), u.aceitaInternacao(), u.ativo());
    }

    @Override
    public List<FormularioConsistente.Violacao> violacoes() {
        List<FormularioConsistente.Violacao> v = new ArrayList<>();
        if (tipo == TipoUnidade.ESTABELECIMENTO && cnes == null) {
            v.add(new FormularioConsistente.Violacao("cnes", "informe o CNES: é obrigatório para um estabelecimento"));
        }
        return v;
    }
}
