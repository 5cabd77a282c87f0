package br.com.rhp.hospital.security;

import java.time.Instant;

/**
 * Published (as a Spring application event) each time a user limited to some units reached a record of
 * another unit with the break-the-glass header {@value AcessoPorUnidade#CABECALHO}, once per request.
 *
 * <p>{@code motivo} is the reason the user typed: it may name a patient, so it goes to the audit trail
 * and never to the log. {@code caminho} is the request path (ids only, never CPF or names); {@code
 * endereco} the client's address.
 */
public record AcessoEmergencial(
        String usuario, String motivo, String metodo, String caminho, String endereco, Instant instante) {}
