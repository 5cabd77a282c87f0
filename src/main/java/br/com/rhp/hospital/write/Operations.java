package br.com.rhp.hospital.write;

import br.com.rhp.hospital.shared.EnderecoDoCliente;
import br.com.rhp.hospital.shared.NodeIdentity;
import br.com.rhp.hospital.shared.UuidV7;
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

/** Builds operations for the current request: new ids, the user, the node and the time. */
@Component
public class Operations {

    private final UuidV7 ids;
    private final NodeIdentity node;
    private final Clock clock;
    private final Supplier<String> user;

    @Autowired
    Operations(UuidV7 ids, NodeIdentity node, Clock clock) {
        this(ids, node, clock, Operations::currentUser);
    }

    private Operations(UuidV7 ids, NodeIdentity node, Clock clock, Supplier<String> user) {
        this.ids = ids;
        this.node = node;
        this.clock = clock;
        this.user = user;
    }

    /**
     * The same operations, written in the name of {@code user} instead of the authenticated one: for
     * work the service does on its own, outside any request (the sample-data loader), which must say
     * who wrote it without pretending that someone logged in.
     */
    public Operations as(String user) {
        Objects.requireNonNull(user, "user");
        return new Operations(ids, node, clock, () -> user);
    }

    /** An operation that creates a new record of {@code entity}, with a new id. */
    public Operation create(String entity, Object payload) {
        return new Operation(
                ids.next(),
                entity,
                Action.CREATE,
                OperationHandler.DEFAULT_CREATE,
                ids.next(),
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
        return new Operation(
                ids.next(),
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

    /** Times are kept to the millisecond, the precision both database engines store. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() ? authentication.getName() : "sistema";
    }
}
