package br.com.rhp.hospital.shared;

import java.util.UUID;

/** A representation of a record that carries its id and optimistic-lock version (the ETag). */
public interface Versionado {

    UUID id();

    long versao();

    /** The strong ETag of this version: the version number in quotes. */
    default String etag() {
        return "\"" + versao() + "\"";
    }
}
