package br.com.rhp.hospital.trilha;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The canonical content of an entry and its SHA-256. The content is every column but {@code hash}, each
 * as {@code name=<length>:<value>} (or {@code name=-} for null) on its own line, in a fixed order, after
 * a version line: unambiguous whatever the values hold, and the same on both engines (times to the
 * millisecond, which is what SQLite keeps). {@code hash_anterior} is part of it, so each entry seals the
 * one before.
 */
final class Encadeamento {

    /** The {@code hash_anterior} of a chain's first entry. */
    static final String GENESE = "0".repeat(64);

    private Encadeamento() {}

    /** The hash a sealed entry must carry, from its stored columns. */
    static String hash(EntradaDaTrilha e) {
        return hash(e, e.posicao(), e.hashAnterior());
    }

    /**
     * The hash of an entry once sealed at {@code posicao} after the entry whose hash is {@code hashAnterior}
     * ({@link #GENESE} for the first): what {@link Selador} stores.
     */
    static String hash(EntradaDaTrilha e, Long posicao, String hashAnterior) {
        StringBuilder s = new StringBuilder("trilha-v1\n");
        campo(s, "id", e.id());
        campo(s, "cadeia", e.cadeia());
        campo(s, "posicao", posicao);
        campo(s, "ocorrido_em", ms(e.ocorridoEm()));
        campo(s, "gravado_em", ms(e.gravadoEm()));
        campo(s, "usuario", e.usuario());
        campo(s, "no_origem", e.noOrigem());
        campo(s, "endereco", e.endereco());
        campo(s, "acao", e.acao());
        campo(s, "comando", e.comando());
        campo(s, "entidade", e.entidade());
        campo(s, "registro_id", e.registroId());
        campo(s, "operation_id", e.operationId());
        campo(s, "resultado", e.resultado());
        campo(s, "detalhe", e.detalhe());
        campo(s, "hash_anterior", hashAnterior);
        return sha256(s.toString());
    }

    private static Long ms(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static void campo(StringBuilder s, String nome, Object valor) {
        s.append(nome).append('=');
        if (valor == null) {
            s.append('-');
        } else {
            String texto = valor.toString();
            s.append(texto.length()).append(':').append(texto);
        }
        s.append('\n');
    }

    private static String sha256(String texto) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(texto.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
