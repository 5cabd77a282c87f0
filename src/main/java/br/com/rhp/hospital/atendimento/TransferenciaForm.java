package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.validacao.FormularioConsistente;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente.Violacao;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Moving an ongoing stay from its current bed to another. {@code ocorrido_em} defaults to submission time. */
@FormularioConsistente
public record TransferenciaForm(
        @NotNull(message = "informe o atendimento") UUID atendimentoId,
        @NotNull(message = "informe o leito de origem") UUID leitoOrigemId,
        @NotNull(message = "informe o leito de destino") UUID leitoDestinoId,

        @PastOrPresent(message = "a transferência não pode estar no futuro")
        Instant ocorridoEm,

        @NotNull(message = "informe o motivo da transferência")
        MotivoTransferencia motivo,

        UUID profissionalId,

        @Size(max = 1000, message = "a observação tem no máximo 1000 caracteres")
        String observacao)
        implements FormularioConsistente.Regras {

    public TransferenciaForm {
        observacao = AtendimentoForm.vazioComoNulo(observacao);
    }

    @Override
    public List<Violacao> violacoes() {
        if (leitoOrigemId != null && leitoOrigemId.equals(leitoDestinoId)) {
            return List.of(new Violacao("leitoDestinoId", "o leito de destino deve ser diferente do leito de origem"));
        }
        return List.of();
    }
}
