package br.com.rhp.hospital.paciente;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rules a patient record must keep against the other records. */
@Component
class RegrasDePaciente {

    private final PacienteRepository pacientes;

    RegrasDePaciente(PacienteRepository pacientes) {
        this.pacientes = pacientes;
    }

    /** A CPF or CNS belongs to one patient record at a time; voided records do not count. */
    void verificarUnicidade(UUID id, PacienteForm form) {
        if (form.cpf() != null && pacientes.existsByCpfAndAnuladoFalseAndIdNot(form.cpf(), id)) {
            throw new CpfJaCadastrado();
        }
        if (form.cns() != null && pacientes.existsByCnsAndAnuladoFalseAndIdNot(form.cns(), id)) {
            throw new CnsJaCadastrado();
        }
    }

    /** A record is not voided under an encounter that is still going on. */
    void verificarAnulacao(Paciente paciente) {
        long emAndamento = pacientes.contarAtendimentosEmAndamento(paciente.id().toString());
        if (emAndamento > 0) {
            throw new PacienteComAtendimentoEmAndamento(emAndamento);
        }
    }
}
