package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.RegraViolada;

/** A patient in the middle of an encounter cannot have the record voided. */
public class PacienteComAtendimentoEmAndamento extends RegraViolada {

    public PacienteComAtendimentoEmAndamento(long emAndamento) {
        super("O cadastro não pode ser anulado: o paciente tem " + emAndamento
                + " atendimento(s) em andamento. Finalize ou cancele o atendimento antes.");
    }
}
