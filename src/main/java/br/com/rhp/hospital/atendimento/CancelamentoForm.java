package br.com.rhp.hospital.atendimento;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Cancelling an encounter registered by mistake: the reason is kept. */
public record CancelamentoForm(
        @NotBlank(message = "informe o motivo do cancelamento")
        @Size(max = 500, message = "o motivo tem no máximo 500 caracteres")
        String motivo) {}
