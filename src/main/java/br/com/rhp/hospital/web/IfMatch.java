package br.com.rhp.hospital.web;

import br.com.rhp.hospital.shared.DadosInvalidos;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the version a client saw from {@code If-Match}, as this API writes ETags ({@code "3"}). */
public final class IfMatch {

    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"([0-9]{1,18})\"");

    private IfMatch() {}

    /**
     * @throws PreconditionRequired when the header is absent
     * @throws DadosInvalidos when it is not one ETag of this API
     */
    public static long versao(String header) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequired();
        }
        Matcher m = ETAG.matcher(header.strip());
        if (!m.matches()) {
            throw new DadosInvalidos("If-Match", "informe uma única ETag deste registro, por exemplo \"3\"");
        }
        return Long.parseLong(m.group(1));
    }
}
