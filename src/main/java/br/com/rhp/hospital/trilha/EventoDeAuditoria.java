package br.com.rhp.hospital.trilha;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing to put in the audit trail. Never a payload, a CPF, a CNS or a name: the record is named by
 * its entity and id.
 *
 * @param id the entry's id; given by the caller when the event may be recorded twice (a local pending
 *     entry replayed after a crash), so that the second time is recognised; {@code null} for a new one
 * @param usuario who did it; not blank
 * @param noOrigem the node where it was done; not blank
 * @param endereco the client's address as the node saw it; {@code null} when there was no request
 * @param ocorridoEm when it was done (for a write: the node's clock at submission, also when it was
 *     staged and applied hours later); kept to the millisecond
 * @param acao what was done
 * @param comando the kind of change, for writes ({@code criar}, {@code alterar}, {@code mudar-status}…);
 *     may be {@code null}
 * @param entidade the entity ({@code paciente}, {@code atendimento}…); may be {@code null}
 * @param registroId the record; may be {@code null} (a census names the unit)
 * @param operationId the operation, for writes and staging actions; may be {@code null}
 * @param resultado how it ended
 * @param detalhe a short note without patient data (the rule that refused a write, the reason of a
 *     discard or of a break-the-glass access, the method and path); at most 500 characters, may be null
 */
public record EventoDeAuditoria(
        UUID id,
        String usuario,
        String noOrigem,
        String endereco,
        Instant ocorridoEm,
        Acao acao,
        String comando,
        String entidade,
        UUID registroId,
        UUID operationId,
        Resultado resultado,
        String detalhe) {

    static final int MAX_DETALHE = 500;

    public EventoDeAuditoria {
        Objects.requireNonNull(usuario, "usuario");
        Objects.requireNonNull(noOrigem, "noOrigem");
        Objects.requireNonNull(ocorridoEm, "ocorridoEm");
        Objects.requireNonNull(acao, "acao");
        Objects.requireNonNull(resultado, "resultado");
        if (usuario.isBlank() || noOrigem.isBlank()) {
            throw new IllegalArgumentException("usuario and noOrigem must not be blank");
        }
        ocorridoEm = ocorridoEm.truncatedTo(ChronoUnit.MILLIS);
        usuario = corta(usuario, 64);
        endereco = endereco == null ? null : corta(endereco, 64);
        detalhe = detalhe == null ? null : corta(detalhe, MAX_DETALHE);
    }

    /** The same event, with the given id. */
    EventoDeAuditoria comId(UUID novo) {
        return new EventoDeAuditoria(
                novo,
                usuario,
                noOrigem,
                endereco,
                ocorridoEm,
                acao,
                comando,
                entidade,
                registroId,
                operationId,
                resultado,
                detalhe);
    }

    private static String corta(String texto, int max) {
        return texto.length() > max ? texto.substring(0, max) : texto;
    }
}
