package br.com.rhp.hospital.shared;

import java.time.Instant;

/**
 * Who is writing, on which node, when the form was submitted ({@code registradoEm}) and when the
 * central database is receiving it ({@code recebidoEm}).
 */
public record Autoria(String usuario, String no, Instant registradoEm, Instant recebidoEm) {}
