package br.com.rhp.hospital.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Who is writing, on which node, when the form was submitted ({@code registradoEm}) and when the
 * central database is receiving it ({@code recebidoEm}).
 */
public record Autoria(String usuario, String no, Instant registradoEm, Instant recebidoEm) {

    /** Times are kept to the millisecond, the precision both database engines store. */
    public Autoria {
        registradoEm = registradoEm.truncatedTo(ChronoUnit.MILLIS);
        recebidoEm = recebidoEm.truncatedTo(ChronoUnit.MILLIS);
    }
}
