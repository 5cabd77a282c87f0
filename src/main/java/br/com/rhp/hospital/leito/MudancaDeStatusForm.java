package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.validacao.FormularioConsistente;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A manual change of a bed's status: cleaning done, reserved, blocked, maintenance, deactivated,
 * reactivated. {@code motivo} is required for RESERVADO, BLOQUEADO, MANUTENCAO and DESATIVADO and
 * ignored otherwise. Housekeeping reads it: it must not name the patient.
 */
@FormularioConsistente
public record MudancaDeStatusForm(
        @NotNull(message = "informe o novo status do leito") StatusLeito status,

        @Size(max = 500, message = "o motivo tem no máximo 500 caracteres")
        String motivo)
        implements FormularioConsistente.Regras {

    public MudancaDeStatusForm {
        motivo = motivo == null || motivo.isBlank() ? null : motivo.strip();
    }

    @Override
    public List<FormularioConsistente.Violacao> violacoes() {
        if (status != null && status.exigeMotivo() && motivo == null) {
            return List.of(
                    new FormularioConsistente.Violacao("motivo", "informe o motivo para colocar o leito em " + status));
        }
        return List.of();
    }
}
