package br.com.rhp.hospital.web;

/** An update arrived without {@code If-Match}: without the version the user saw, it could lose a change. */
public class PreconditionRequired extends RuntimeException {

    public PreconditionRequired() {
        super("Informe no cabeçalho If-Match a versão (ETag) do registro que você está alterando.");
    }
}
