package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.EnderecoDoCliente;
import br.com.rhp.hospital.shared.NodeIdentity;
import br.com.rhp.hospital.shared.UuidV7;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Builds operations for the current request: new ids, the user, the node and the time.
 *
 * <p>When the request carries an {@code Idempotency-Key} header (a UUID chosen by the client for one
 * submission of one form), that key is the operation's id, and for a create also the new record's id:
 * submitting the same form again with the same key is then the same operation, which the ledger and the
 * staging area recognise ({@link WriteGateway#submit}). A key that is not a UUID is refused (400). One
 * request builds at most one operation from its key.
 */
@Component
public class Operations {

    /** The request header naming a submission. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final String KEY_USED = Operations.class.getName() + ".keyUsed";
    private static final String MINTED = Operations.class.getName() + ".minted";

    private final UuidV7 ids;
    private final NodeIdentity node;
    private final Clock clock;
    private final Supplier<String> user;
    private final boolean fromRequest;

    @Autowired
    Operations(UuidV7 ids, NodeIdentity node, Clock clock) {
        this(ids, node, clock, Operations::currentUser, true);
    }

    private Operations(UuidV7 ids, NodeIdentity node, Clock clock, Supplier<String> user, boolean fromRequest) {
        this.ids = ids;
        this.node = node;
        this.clock = clock;
        this.user = user;
        this.fromRequest = fromRequest;
    }

    /**
     * The same operations, written in the name of {@code user} instead of the authenticated one: for
     * work the service does on its own, outside any request (the sample-data loader), which must say
     * who wrote it without pretending that someone logged in.
     */
    public Operations as(String user) {
        Objects.requireNonNull(user, "user");
        return new Operations(ids, node, clock, () -> user, false);
    }

    /** An operation that creates a new record of {@code entity}, with a new id. */
    public Operation create(String entity, Object payload) {
        UUID key = idempotencyKey();
        return new Operation(
                key != null ? key : mint(),
                entity,
                Action.CREATE,
                OperationHandler.DEFAULT_CREATE,
                key != null ? key : ids.next(),
                null,
                user.get(),
                node.id(),
                EnderecoDoCliente.atual(),
                now(),
                payload);
    }

    /** A merge patch of record {@code entityId}, as seen by the user at {@code baseVersion}. */
    public Operation update(String entity, UUID entityId, long baseVersion, Object payload) {
        return update(entity, OperationHandler.DEFAULT_UPDATE, entityId, baseVersion, payload);
    }

    /** A change of kind {@code command} to record {@code entityId}, as seen by the user at {@code baseVersion}. */
    public Operation update(String entity, String command, UUID entityId, long baseVersion, Object payload) {
        UUID key = idempotencyKey();
        return new Operation(
                key != null ? key : mint(),
                entity,
                Action.UPDATE,
                command,
                entityId,
                baseVersion,
                user.get(),
                node.id(),
                EnderecoDoCliente.atual(),
                now(),
                payload);
    }

    /**
     * Whether {@code operationId} is the id this node made for the current request's operation, rather than
     * one the client chose ({@code Idempotency-Key}) or one read back from staging: a new id that no ledger
     * can hold yet, so applying it need not look it up first. {@code false} outside a request.
     */
    static boolean mintedForThisRequest(UUID operationId) {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && operationId.equals(attributes.getRequest().getAttribute(MINTED));
    }

    /** A new operation id, remembered by the current request (if any) as made here. */
    private UUID mint() {
        UUID id = ids.next();
        if (fromRequest && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(MINTED, id);
        }
        return id;
    }

    /** Times are kept to the millisecond, the precision both database engines store. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The current request's {@code Idempotency-Key}, or {@code null} without one (or outside a request).
     *
     * @throws ChaveDeIdempotenciaInvalida when it is not a UUID
     */
    private UUID idempotencyKey() {
        if (!fromRequest
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return null;
        }
        HttpServletRequest request = attributes.getRequest();
        String header = request.getHeader(IDEMPOTENCY_KEY);
        if (header == null) {
            return null;
        }
        UUID key = ChaveDeIdempotenciaInvalida.parse(header);
        if (request.getAttribute(KEY_USED) != null) {
            // two operations with one id would make the second look already applied
            throw new IllegalStateException("one request built two operations from its Idempotency-Key");
        }
        request.setAttribute(KEY_USED, Boolean.TRUE);
        return key;
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() ? authentication.getName() : "sistema";
    }
}
