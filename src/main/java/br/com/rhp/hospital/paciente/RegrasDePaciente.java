package br.com.rhp.hospital.paciente;

import java.util.Objects;
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
        verificarCpf(id, form.cpf());
        verificarCns(id, form.cns());
    }

    /**
     * The same rule for a change of {@code paciente}: only a CPF or CNS the record does not hold yet is
     * looked for. One it already holds, on a record that is not voided, is its own: the partial unique
     * indexes ({@code ux_paciente_cpf}, {@code ux_paciente_cns}) let no other record that is not voided
     * hold it — no query needed (most changes are of an address or a phone). A voided record is checked
     * in full, as before, so its change is refused for the same reason as ever.
     */
    void verificarUnicidadeNaAlteracao(Paciente paciente, PacienteForm form) {
        boolean proprio = !paciente.anulado();
        if (!(proprio && Objects.equals(form.cpf(), paciente.cpf()))) {
            verificarCpf(paciente.id(), form.cpf());
        }
        if (!(proprio && Objects.equals(form.cns(), paciente.cns()))) {
            verificarCns(paciente.id(), form.cns());
        }
    }

    private void verificarCpf(UUID id, String cpf) {
        if (cpf != null && pacientes.existsByCpfAndAnuladoFalseAndIdNot(cpf, id)) {
            throw new CpfJaCadastrado();
        }
    }

    private void verificarCns(UUID id, String cns) {
        if (cns != null && pacientes.existsByCnsAndAnuladoFalseAndIdNot(cns, id)) {
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
