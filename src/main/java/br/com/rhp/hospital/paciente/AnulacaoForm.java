package br.com.rhp.hospital.paciente;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a patient's record is being voided (a duplicate, a registration of the wrong person…). */
public record AnulacaoForm(
        @NotBlank(message = "informe o motivo da anulação")
        @Size(max = 500, message = "o motivo tem no máximo 500 caracteres")
        String motivo) {

    public AnulacaoForm {
        motivo = motivo == null ? null : motivo.strip();
    }
}
