package br.com.rhp.hospital.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names folded for search, so that "joao" finds "João" on every database engine: the folded form is
 * stored beside the name and compared with a plain {@code LIKE}, which neither SQLite nor a default
 * PostgreSQL collation would do for accents.
 */
public final class TextoDeBusca {

    /** The escape character of {@link #contendo} patterns. */
    public static final char ESCAPE = '\\';

    private static final Pattern MARCAS = Pattern.compile("\\p{M}+");
    private static final Pattern ESPACOS = Pattern.compile("\\s+");

    private TextoDeBusca() {}

    /**
     * The text without accents (NFD, combining marks removed), in lower case, with single spaces;
     * {@code null} for {@code null}.
     */
    public static String dobrar(String texto) {
        if (texto == null) {
            return null;
        }
        String semMarcas =
                MARCAS.matcher(Normalizer.normalize(texto, Normalizer.Form.NFD)).replaceAll("");
        return ESPACOS.matcher(semMarcas.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /**
     * A {@code LIKE} pattern (escape {@link #ESCAPE}) matching folded texts that contain the folded
     * term; the term's own {@code %} and {@code _} match only themselves.
     */
    public static String contendo(String termo) {
        String dobrado = dobrar(termo);
        StringBuilder pattern = new StringBuilder(dobrado.length() + 2).append('%');
        for (char c : dobrado.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
