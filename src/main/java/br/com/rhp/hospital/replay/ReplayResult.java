package br.com.rhp.hospital.replay;

import java.time.Instant;

/**
 * What one replay run did.
 *
 * @param gatilho what started it: {@code cron}, {@code recuperacao} (the database came back), {@code
 *     manual} (an administrator)
 * @param resultado how it ended
 * @param aplicadas operations applied to the central database in this run
 * @param jaAplicadas operations found already in the ledger (a crash after commit, or an abandoned live
 *     attempt that committed): their files were removed, nothing was applied twice
 * @param quarentena operations moved to quarantine (unreadable, or refused by a rule that is not a conflict)
 * @param conflitos operations moved to the conflict queue (stale version, broken invariant)
 * @param retidas operations left pending behind a quarantined or conflicting one on the same records
 * @param restantes pending operations left when the run ended
 */
public record ReplayResult(
        String gatilho,
        Resultado resultado,
        Instant inicio,
        Instant fim,
        long aplicadas,
        long jaAplicadas,
        long quarentena,
        long conflitos,
        long retidas,
        long restantes) {

    /** How a run ended. */
    public enum Resultado {
        /** Every pending operation was dealt with (applied, quarantined, in conflict or held). */
        CONCLUIDA,
        /** The database became unavailable during the run: it stopped, everything not applied stays. */
        INTERROMPIDA_BANCO_INDISPONIVEL,
        /** Not started: the database is known to be down. */
        IGNORADA_BANCO_INDISPONIVEL,
        /** Not started: another run was in progress on this node. */
        IGNORADA_EM_ANDAMENTO
    }

    static ReplayResult ignorada(String gatilho, Resultado resultado, Instant agora, long restantes) {
        return new ReplayResult(gatilho, resultado, agora, agora, 0, 0, 0, 0, 0, restantes);
    }
}
