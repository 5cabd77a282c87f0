package br.com.rhp.hospital.write;

import br.com.rhp.hospital.database.DatabaseFailures;
import br.com.rhp.hospital.shared.Versionado;
import java.net.URI;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Turns what became of a write into the HTTP answer, the same way for every resource: 201 or 200 when
 * applied now, 202 with a {@link Receipt} when saved on this node for later, 303 when the same operation
 * had already been applied.
 */
public final class WriteResponses {

    static final String GRAVADO_SEM_DETALHES =
            "Gravado no banco central, que ficou indisponível logo em seguida; consulte o registro mais tarde.";

    private WriteResponses() {}

    /** The answer for a write applied when its full representation could not be read back. */
    record Gravado(UUID id, String aviso) {}

    /** 201 with {@code Location} and {@code ETag} for a record created now. */
    public static <E> ResponseEntity<Object> created(
            WriteResult result, Class<E> type, Function<E, ? extends Versionado> view, String collectionPath) {
        return answer(result, type, view, collectionPath, HttpStatus.CREATED);
    }

    /** 200 with {@code ETag} for a record changed now. */
    public static <E> ResponseEntity<Object> updated(
            WriteResult result, Class<E> type, Function<E, ? extends Versionado> view, String collectionPath) {
        return answer(result, type, view, collectionPath, HttpStatus.OK);
    }

    private static <E> ResponseEntity<Object> answer(
            WriteResult result,
            Class<E> type,
            Function<E, ? extends Versionado> view,
            String collectionPath,
            HttpStatus status) {
        if (result instanceof WriteResult.Applied applied) {
            Versionado body;
            try {
                body = view.apply(type.cast(applied.record()));
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isUnavailable(e)) {
                    throw e;
                }
                // The write is committed; only the view in the answer needed the database, which has just
                // gone away. A 5xx now would tell the user the form was not saved and make them send it
                // again: answer what is known, the record's id.
                return ResponseEntity.status(status)
                        .location(URI.create(collectionPath + "/" + applied.entityId()))
                        .body(new Gravado(applied.entityId(), GRAVADO_SEM_DETALHES));
            }
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).eTag(body.etag());
            if (status == HttpStatus.CREATED) {
                builder.location(URI.create(collectionPath + "/" + body.id()));
            }
            return builder.body(body);
        }
        if (result instanceof WriteResult.Staged staged) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create("/api/staging/operations/" + staged.operationId()))
                    .body(Receipt.of(staged, collectionPath));
        }
        if (result instanceof WriteResult.AlreadyApplied already) {
            // the same operation was submitted again: point to what it wrote
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create(collectionPath + "/" + already.entityId()))
                    .build();
        }
        throw new IllegalStateException("unknown write result " + result);
    }
}
