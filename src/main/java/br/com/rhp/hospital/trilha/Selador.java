package br.com.rhp.hospital.trilha;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.DatabaseFailures;
import br.com.rhp.hospital.database.SchemaMigrations;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the audit trail: gives the entries that writers inserted unsealed their position in their chain,
 * the hash of the entry before ({@code hash_anterior}) and their own hash, and moves the chain's head.
 *
 * <p>Writers never touch a chain's head, so the writes of one node commit side by side; the head row is
 * locked only here, for the few milliseconds a batch takes. Every node runs this job every {@code
 * AUDIT_SEAL_INTERVAL} (1 s by default) and seals <em>every</em> chain that has unsealed entries, not only
 * its own: a node that is gone for good never leaves entries unsealed, and the head lock makes two sealers
 * of one chain take turns — the second finds nothing left, or continues after the first.
 *
 * <p>One transaction per batch of one chain: lock the head, take up to {@value #LOTE} unsealed entries in a
 * stable order ({@code gravado_em}, then {@code id}), give them the next positions and hashes (JDBC-batched
 * {@code UPDATE … WHERE id = ? AND posicao IS NULL}), advance the head. A chain is sealed batch after batch
 * until nothing is left or {@value #LOTES_POR_RODADA} batches were sealed in this round (the next round
 * goes on).
 *
 * <p>The price: until it is sealed — for about {@code AUDIT_SEAL_INTERVAL} after its write commits — an
 * entry is not yet covered by the chain, so someone with write access to the database could change or
 * delete it without {@link VerificacaoDaTrilha} noticing. Once sealed it is protected as before.
 *
 * <p>A failure (database gone, a forged row in the way of the next position) is logged and the round moves
 * on; the entries stay unsealed and the next round tries again. Sealing never fails a write.
 */
@Component
class Selador {

    private static final Logger log = LoggerFactory.getLogger(Selador.class);

    /** Entries sealed per transaction (one head lock, one JDBC batch). */
    static final int LOTE = 500;

    /** Batches of one chain per round, at most; the next round continues. */
    static final int LOTES_POR_RODADA = 40;

    private static final String SELAR =
            "UPDATE trilha_auditoria SET posicao = ?, hash_anterior = ?, hash = ? WHERE id = ? AND posicao IS NULL";

    private final EntradaRepository entradas;
    private final CabecaRepository cabecas;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final DatabaseCircuit circuit;
    private final SchemaMigrations schema;

    /** The last failure of each chain still failing: logged in full once, not every round. */
    private final Map<String, String> falhando = new ConcurrentHashMap<>();

    Selador(
            EntradaRepository entradas,
            CabecaRepository cabecas,
            TransactionTemplate transactions,
            JdbcTemplate jdbc,
            DatabaseCircuit circuit,
            SchemaMigrations schema) {
        this.entradas = entradas;
        this.cabecas = cabecas;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.circuit = circuit;
        this.schema = schema;
    }

    /** What a round did: entries sealed, and batches that failed (rolled back, to be retried). */
    record Selagem(long seladas, int falhas) {}

    @Scheduled(fixedDelayString = "${AUDIT_SEAL_INTERVAL:PT1S}", initialDelayString = "${AUDIT_SEAL_INTERVAL:PT1S}")
    void rodada() {
        if (circuit.isOpen() || !schema.ready()) {
            return;
        }
        selar();
    }

    /**
     * Seals what is committed now, chain by chain, up to the round's bound. Never throws: a failure is
     * logged and counted, and those entries wait for the next round.
     */
    Selagem selar() {
        List<String> cadeias;
        try {
            cadeias = entradas.cadeiasComEntradasNaoSeladas();
        } catch (RuntimeException e) {
            falhou(null, e);
            return new Selagem(0, 1);
        }
        long seladas = 0;
        int falhas = 0;
        for (String cadeia : cadeias) {
            try {
                int lotes = 0;
                int n;
                do {
                    n = selarLote(cadeia);
                    seladas += n;
                } while (n == LOTE && ++lotes < LOTES_POR_RODADA);
                if (falhando.remove(cadeia) != null) {
                    log.info("Audit chain {} sealed again", cadeia);
                }
            } catch (RuntimeException e) {
                falhas++;
                falhou(cadeia, e);
            }
        }
        return new Selagem(seladas, falhas);
    }

    /** Seals the next batch of one chain in a transaction of its own; how many were sealed. */
    private int selarLote(String cadeia) {
        Integer seladas = transactions.execute(status -> {
            CabecaDaTrilha cabeca = travarCabeca(cadeia);
            // read after the lock: what an earlier holder of the head sealed is no longer here
            List<EntradaDaTrilha> lote = entradas.naoSeladas(cadeia, PageRequest.of(0, LOTE));
            if (lote.isEmpty()) {
                return 0;
            }
            long posicao = cabeca.posicao();
            String anterior = cabeca.hash();
            List<Object[]> selos = new ArrayList<>(lote.size());
            for (EntradaDaTrilha e : lote) {
                posicao++;
                String hash = Encadeamento.hash(e, posicao, anterior);
                selos.add(new Object[] {posicao, anterior, hash, e.id().toString()});
                anterior = hash;
            }
            int[] linhas = jdbc.batchUpdate(SELAR, selos);
            for (int i = 0; i < linhas.length; i++) {
                if (linhas[i] != 1 && linhas[i] != Statement.SUCCESS_NO_INFO) {
                    // deleted or sealed behind the head lock's back: seal nothing rather than leave a gap
                    throw new IllegalStateException("audit entry " + lote.get(i).id() + " of chain " + cadeia
                            + " was not found unsealed when sealing it");
                }
            }
            cabeca.avancar(posicao, anterior);
            return lote.size();
        });
        return seladas == null ? 0 : seladas;
    }

    private CabecaDaTrilha travarCabeca(String cadeia) {
        return cabecas.travar(cadeia).orElseGet(() -> {
            cabecas.criarSeFaltar(cadeia, Encadeamento.GENESE);
            return cabecas.travar(cadeia).orElseThrow();
        });
    }

    private void falhou(String cadeia, RuntimeException e) {
        if (DatabaseFailures.isUnavailable(e)) {
            circuit.recordUnavailable();
            log.warn(
                    "Audit trail not sealed now, the database is unavailable ({})",
                    e.getClass().getSimpleName());
            return;
        }
        // a forged entry at the next position makes every round fail here (the verification names it): in
        // full the first time, then once a round at debug level until the chain seals again
        String falha = e.getClass().getName() + ": " + e.getMessage();
        if (falha.equals(falhando.put(String.valueOf(cadeia), falha))) {
            log.debug(
                    "Audit chain {} still not sealed ({})", cadeia, e.getClass().getSimpleName());
            return;
        }
        log.error(
                "Audit chain {} not sealed; its entries stay unsealed and are tried again every round"
                        + " (GET /api/auditoria/verificacao shows whether the chain was tampered with)",
                cadeia,
                e);
    }
}
