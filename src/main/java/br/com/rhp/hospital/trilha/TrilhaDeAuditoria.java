package br.com.rhp.hospital.trilha;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.DatabaseFailures;
import br.com.rhp.hospital.database.DatabaseRecovered;
import br.com.rhp.hospital.database.SchemaMigrations;
import br.com.rhp.hospital.shared.EnderecoDoCliente;
import br.com.rhp.hospital.shared.NodeIdentity;
import br.com.rhp.hospital.shared.UuidV7;
import br.com.rhp.hospital.staging.StagingStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail: where every package records what a person did. Append-only and tamper-evident — each
 * entry carries the SHA-256 of its canonical content, which includes the hash of the previous entry of
 * its chain ({@link Encadeamento}); {@link VerificacaoDaTrilha} recomputes the chains.
 *
 * <p>One chain per node: the entries a node writes form its chain. A writer only inserts its entries,
 * unsealed, and locks nothing, so the writes of one node never wait for each other; {@link Selador}
 * chains them shortly after (every {@code AUDIT_SEAL_INTERVAL}), on whichever node runs first. Nodes never
 * wait for each other, and no cluster configuration is needed.
 *
 * <p>Three ways in:
 *
 * <ul>
 *   <li>{@link #registrarNaTransacao}: inside the caller's transaction — the write path records each
 *       applied operation in the transaction that applies it (live or replayed), so there is exactly one
 *       entry per applied write, committed with it or not at all;
 *   <li>{@link #registrar}: in a transaction of its own — reads of patient data, break-the-glass; fails
 *       if the database does not take it (a read that cannot be audited is not served);
 *   <li>{@link #registrarOuGuardar}: staging administration, which works while the database is down:
 *       what cannot be written now is kept on this node's disk ({@link PendentesLocais}) and sent when
 *       the database answers again.
 * </ul>
 */
@Component
public class TrilhaDeAuditoria {

    private static final Logger log = LoggerFactory.getLogger(TrilhaDeAuditoria.class);

    private final EntradaRepository entradas;
    private final TransactionTemplate transactions;
    private final UuidV7 ids;
    private final NodeIdentity node;
    private final Clock clock;
    private final DatabaseCircuit circuit;
    private final SchemaMigrations schema;
    private final PendentesLocais pendentes;

    TrilhaDeAuditoria(
            EntradaRepository entradas,
            TransactionTemplate transactions,
            UuidV7 ids,
            NodeIdentity node,
            Clock clock,
            DatabaseCircuit circuit,
            SchemaMigrations schema,
            StagingStore staging) {
        this.entradas = entradas;
        this.transactions = transactions;
        this.ids = ids;
        this.node = node;
        this.clock = clock;
        this.circuit = circuit;
        this.schema = schema;
        this.pendentes = new PendentesLocais(staging.root().resolve("trilha"));
        schema.whenReady(this::enviarPendentesSemFalhar);
    }

    /**
     * Appends the events, in order, to this node's chain, unsealed, in the caller's transaction: they commit
     * or roll back with it. One insert per event (batched by Hibernate, flushed before returning) and no
     * lock: the chain's head is left to {@link Selador}, which seals the entries once they are committed.
     *
     * @throws IllegalStateException when no transaction is active
     */
    public void registrarNaTransacao(List<EventoDeAuditoria> eventos) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("registrarNaTransacao needs the caller's transaction");
        }
        if (eventos.isEmpty()) {
            return;
        }
        String cadeia = node.id();
        Instant agora = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<EntradaDaTrilha> novas = new ArrayList<>(eventos.size());
        for (EventoDeAuditoria evento : eventos) {
            // UUIDv7, time-ordered: within one millisecond the sealer keeps the order they were given in
            UUID id = evento.id() != null ? evento.id() : ids.next();
            novas.add(new EntradaDaTrilha(id, cadeia, agora, evento));
        }
        entradas.saveAll(novas);
        // to the database now: a caller whose transaction is already over (an afterCommit callback still
        // "joins" it) gets an exception here — and registrarOuGuardar keeps the entry on the node — instead
        // of entries queued in a finished persistence context and silently dropped
        entradas.flush();
    }

    /**
     * Records one event in a transaction of its own (joining the caller's, if there is one).
     *
     * @throws RuntimeException when the database does not take it
     */
    public void registrar(EventoDeAuditoria evento) {
        Objects.requireNonNull(evento, "evento");
        enviarPendentesSemFalhar();
        transactions.executeWithoutResult(status -> registrarNaTransacao(List.of(evento)));
    }

    /**
     * Records a read of patient data by the current user, from the current request's address: call it
     * after the record was found and before it is returned.
     */
    public void registrarLeitura(String entidade, UUID registroId, String detalhe) {
        registrar(new EventoDeAuditoria(
                null,
                usuarioAtual(),
                node.id(),
                EnderecoDoCliente.atual(),
                clock.instant(),
                Acao.LER,
                null,
                entidade,
                registroId,
                null,
                Resultado.SUCESSO,
                detalhe));
    }

    /**
     * Records a break-the-glass access: a user reached what their role alone does not allow, giving a
     * reason. The method and path are kept (never the query string, which may carry a CPF).
     */
    public void registrarAcessoEmergencial(
            String usuario, String motivo, String metodo, String caminho, String endereco, Instant em) {
        // an override must be on record even while the database is down: kept on the node if need be
        registrarOuGuardar(new EventoDeAuditoria(
                null,
                usuario,
                node.id(),
                endereco,
                em,
                Acao.ACESSO_EMERGENCIAL,
                null,
                null,
                null,
                null,
                Resultado.SUCESSO,
                metodo + " " + caminho + " — motivo: " + motivo));
    }

    /**
     * Records an action on this node's staging area (retry, discard), which may happen while the central
     * database is down: the entry goes to the database now if it can, or is kept durably on this node and
     * sent when the database answers again. Returns once the entry is in one place or the other.
     */
    public void registrarOuGuardar(EventoDeAuditoria evento) {
        EventoDeAuditoria comId = evento.id() != null ? evento : evento.comId(ids.next());
        if (!circuit.isOpen() && schema.ready()) {
            try {
                registrar(comId);
                return;
            } catch (RuntimeException e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    circuit.recordUnavailable();
                }
                log.warn(
                        "Audit entry {} kept on this node, the database did not take it ({})",
                        comId.id(),
                        e.getClass().getSimpleName());
            }
        }
        pendentes.guardar(comId);
    }

    /** An event of the current user on this node, now, from the current request's address. */
    public EventoDeAuditoria evento(
            Acao acao, String entidade, UUID registroId, UUID operationId, Resultado resultado, String detalhe) {
        return new EventoDeAuditoria(
                null,
                usuarioAtual(),
                node.id(),
                EnderecoDoCliente.atual(),
                clock.instant(),
                acao,
                null,
                entidade,
                registroId,
                operationId,
                resultado,
                detalhe);
    }

    /**
     * Sends the entries kept on this node to the database, each once, in one transaction; then forgets
     * them.
     *
     * @return how many were sent now (not counting those the database already had)
     */
    public synchronized int enviarPendentes() {
        if (pendentes.vazio()) {
            return 0;
        }
        List<EventoDeAuditoria> guardados = pendentes.ler();
        Integer enviados = transactions.execute(status -> {
            List<EventoDeAuditoria> novos = new ArrayList<>();
            for (EventoDeAuditoria e : guardados) {
                if (!entradas.existsById(e.id())) {
                    novos.add(e);
                }
            }
            registrarNaTransacao(novos);
            return novos.size();
        });
        pendentes.esvaziar();
        if (enviados != null && enviados > 0) {
            log.info("{} audit entr(ies) kept on this node sent to the database", enviados);
        }
        return enviados == null ? 0 : enviados;
    }

    @EventListener
    void databaseRecovered(DatabaseRecovered event) {
        enviarPendentesSemFalhar();
    }

    private void enviarPendentesSemFalhar() {
        if (pendentes.vazio() || circuit.isOpen() || !schema.ready()) {
            return;
        }
        try {
            enviarPendentes();
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                circuit.recordUnavailable();
            }
            log.warn(
                    "Audit entries kept on this node not sent yet ({})",
                    e.getClass().getSimpleName());
        }
    }

    private static String usuarioAtual() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() ? authentication.getName() : "sistema";
    }
}
