package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.DadosInconsistentes;
import java.time.Instant;

/** A transfer or discharge dated before the current bed occupancy (or the encounter) began. */
public class EventoAntesDaOcupacao extends DadosInconsistentes {

    public EventoAntesDaOcupacao(Instant inicio) {
        super("A data informada é anterior ao início da ocupação atual (" + inicio + ").");
    }
}
