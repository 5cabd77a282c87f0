package br.com.rhp.hospital.leito;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Bed states: {@code DISPONIVEL → OCUPADO → HIGIENIZACAO → DISPONIVEL}, plus RESERVADO, BLOQUEADO and
 * MANUTENCAO (each with a reason) and DESATIVADO. Only admission, transfer and discharge set or
 * clear OCUPADO.
 *
 * <p>The changes a person may make by hand ({@link #destinosManuais()}):
 *
 * <pre>
 * DISPONIVEL   → RESERVADO, BLOQUEADO, MANUTENCAO, DESATIVADO
 * RESERVADO    → DISPONIVEL, DESATIVADO
 * HIGIENIZACAO → DISPONIVEL (cleaning done), BLOQUEADO, MANUTENCAO, DESATIVADO
 * BLOQUEADO    → DISPONIVEL, HIGIENIZACAO, DESATIVADO
 * MANUTENCAO   → DISPONIVEL, HIGIENIZACAO, DESATIVADO
 * DESATIVADO   → DISPONIVEL
 * OCUPADO      → none (only a discharge or a transfer frees the bed)
 * </pre>
 *
 * A bed in HIGIENIZACAO is never released straight to RESERVADO: cleaning must be confirmed first
 * (→ DISPONIVEL), so a reserved bed is always a clean one.
 */
public enum StatusLeito {
    DISPONIVEL,
    OCUPADO,
    HIGIENIZACAO,
    RESERVADO,
    BLOQUEADO,
    MANUTENCAO,
    DESATIVADO;

    private static final Map<StatusLeito, Set<StatusLeito>> MANUAIS = new EnumMap<>(StatusLeito.class);

    static {
        MANUAIS.put(DISPONIVEL, EnumSet.of(RESERVADO, BLOQUEADO, MANUTENCAO, DESATIVADO));
        MANUAIS.put(RESERVADO, EnumSet.of(DISPONIVEL, DESATIVADO));
        MANUAIS.put(HIGIENIZACAO, EnumSet.of(DISPONIVEL, BLOQUEADO, MANUTENCAO, DESATIVADO));
        MANUAIS.put(BLOQUEADO, EnumSet.of(DISPONIVEL, HIGIENIZACAO, DESATIVADO));
        MANUAIS.put(MANUTENCAO, EnumSet.of(DISPONIVEL, HIGIENIZACAO, DESATIVADO));
        MANUAIS.put(DESATIVADO, EnumSet.of(DISPONIVEL));
        MANUAIS.put(OCUPADO, EnumSet.noneOf(StatusLeito.class));
    }

    /** Whether a change to this status must say why. */
    public boolean exigeMotivo() {
        return this == RESERVADO || this == BLOQUEADO || this == MANUTENCAO || this == DESATIVADO;
    }

    /** Whether an admission or a transfer may put a patient in a bed in this status. */
    public boolean recebePaciente() {
        return this == DISPONIVEL || this == RESERVADO;
    }

    /** The statuses a person may move a bed to from this one by a status change (never OCUPADO). */
    public Set<StatusLeito> destinosManuais() {
        return Collections.unmodifiableSet(MANUAIS.get(this));
    }
}
