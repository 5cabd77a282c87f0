package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.Identificadores;
import br.com.rhp.hospital.shared.validacao.Cid10;
import br.com.rhp.hospital.shared.validacao.Cnes;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente;
import br.com.rhp.hospital.shared.validacao.FormularioConsistente.Violacao;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The discharge of an encounter. {@code cid_principal} is required for an admission (checked against the
 * encounter); {@code cnes_destino} for a transfer to another establishment.
 */
@FormularioConsistente
public record AltaForm(
        @NotNull(message = "informe o atendimento") UUID atendimentoId,

        @PastOrPresent(message = "a alta não pode estar no futuro")
        Instant ocorridoEm,

        @NotNull(message = "informe o motivo da alta") MotivoAlta motivo,
        UUID profissionalId,
        @Cid10 String cidPrincipal,
        @Cnes String cnesDestino,

        @Size(max = 1000, message = "a observação tem no máximo 1000 caracteres")
        String observacao)
        implements FormularioConsistente.Regras {

    public AltaForm {
        cidPrincipal = Identificadores.cid10Valido(cidPrincipal)
                ? Identificadores.cid10Normalizado(cidPrincipal)
                : AtendimentoForm.vazioComoNulo(cidPrincipal);
        cnesDestino = AtendimentoForm.vazioComoNulo(cnesDestino);
        observacao = AtendimentoForm.vazioComoNulo(observacao);
    }

    @Override
    public List<Violacao> violacoes() {
        if (motivo == MotivoAlta.TRANSFERENCIA_EXTERNA && cnesDestino == null) {
            return List.of(new Violacao("cnesDestino", "informe o CNES do estabelecimento de destino"));
        }
        return List.of();
    }
}
