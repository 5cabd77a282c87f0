package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.RegraViolada;

/** The encounter is no longer ongoing: no transfer, discharge or cancellation. */
public class AtendimentoEncerrado extends RegraViolada {

    public AtendimentoEncerrado(StatusAtendimento status) {
        super("O atendimento não está em andamento (status " + status + ").");
    }
}
