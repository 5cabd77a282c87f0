package br.com.rhp.hospital.shared;

import java.time.Instant;

/** The audit columns of a record as the API shows them. */
public record AuditoriaView(
        Instant criadoEm,
        String criadoPor,
        String noOrigem,
        Instant recebidoEm,
        Instant atualizadoEm,
        String atualizadoPor) {

    public static AuditoriaView de(Auditoria a) {
        return new AuditoriaView(
                a.criadoEm(), a.criadoPor(), a.noOrigem(), a.recebidoEm(), a.atualizadoEm(), a.atualizadoPor());
    }
}
