package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.shared.DadosInconsistentes;

/** OCUPADO is set only by an admission or a transfer, never by a status change. */
public class OcupacaoManualProibida extends DadosInconsistentes {

    public OcupacaoManualProibida() {
        super("O status OCUPADO só é definido por internação ou transferência; registre o atendimento.");
    }
}
