package br.com.rhp.hospital.security;

import br.com.rhp.hospital.trilha.TrilhaDeAuditoria;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts every break-the-glass access in the audit trail, with its reason, before the record is served:
 * if the access cannot be recorded (neither in the database nor on the node), the request fails
 * instead of reaching the record unaudited.
 *
 * <p>The override is often decided inside the (read-only) transaction that reads the record; the entry
 * is then written right after that transaction commits, still before the answer leaves — not inside it,
 * where a read-only transaction could not write, and not in a second one, which SQLite's single
 * connection could not open meanwhile.
 */
@Component
class AcessoEmergencialNaTrilha {

    private final TrilhaDeAuditoria trilha;

    AcessoEmergencialNaTrilha(TrilhaDeAuditoria trilha) {
        this.trilha = trilha;
    }

    @EventListener
    void registrar(AcessoEmergencial acesso) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // an exception here reaches the caller: the record is not served unaudited
                    gravar(acesso);
                }
            });
        } else {
            gravar(acesso);
        }
    }

    private void gravar(AcessoEmergencial acesso) {
        trilha.registrarAcessoEmergencial(
                acesso.usuario(),
                acesso.motivo(),
                acesso.metodo(),
                acesso.caminho(),
                acesso.endereco(),
                acesso.instante());
    }
}
