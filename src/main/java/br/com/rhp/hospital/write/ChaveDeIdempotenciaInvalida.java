package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.DadosInvalidos;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** An {@code Idempotency-Key} header that is not a UUID (400). */
public class ChaveDeIdempotenciaInvalida extends DadosInvalidos {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    ChaveDeIdempotenciaInvalida() {
        super(
                Operations.IDEMPOTENCY_KEY,
                "use um UUID (ex.: 0b6f2a34-5c1d-4e8f-9a7b-3c2d1e0f4a5b), um novo para cada formulário");
    }

    /** The key as a UUID, in the canonical 36-character form only (UUID.fromString accepts "1-2-3-4-5"). */
    static UUID parse(String header) {
        String text = header.strip().toLowerCase(Locale.ROOT);
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new ChaveDeIdempotenciaInvalida();
        }
        UUID key = UUID.fromString(text);
        if (key.getMostSignificantBits() == 0 && key.getLeastSignificantBits() == 0) {
            throw new ChaveDeIdempotenciaInvalida();
        }
        return key;
    }
}
