package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.leito.Leito;
import br.com.rhp.hospital.leito.LeitoRepository;
import br.com.rhp.hospital.security.EscopoDePaciente;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/**
 * Which units an encounter and its events belong to, for users limited to some units: an encounter
 * belongs to its unit and to the unit of every bed it occupied; a transfer to the units of both its
 * beds; a discharge to its encounter's units. A patient is seen by a limited user while the patient has
 * an ongoing encounter in one of the user's units.
 */
@Component
class EscoposDeUnidade implements EscopoDePaciente {

    private final AtendimentoRepository atendimentos;
    private final OcupacaoRepository ocupacoes;
    private final LeitoRepository leitos;

    EscoposDeUnidade(AtendimentoRepository atendimentos, OcupacaoRepository ocupacoes, LeitoRepository leitos) {
        this.atendimentos = atendimentos;
        this.ocupacoes = ocupacoes;
        this.leitos = leitos;
    }

    @Override
    public Set<UUID> pacientesEmAtendimento(Set<UUID> unidades) {
        return unidades.isEmpty()
                ? Set.of()
                : atendimentos.pacientesNasUnidades(StatusAtendimento.EM_ANDAMENTO, unidades);
    }

    @Override
    public boolean emAtendimento(UUID pacienteId, Set<UUID> unidades) {
        return !unidades.isEmpty()
                && atendimentos.pacienteNasUnidades(pacienteId, StatusAtendimento.EM_ANDAMENTO, unidades);
    }

    /** The units of an encounter; a set holding only {@code null} when the encounter is not known. */
    Set<UUID> doAtendimento(UUID atendimentoId) {
        Optional<Atendimento> atendimento = atendimentos.findById(atendimentoId);
        if (atendimento.isEmpty()) {
            return desconhecida();
        }
        Set<UUID> unidades = new LinkedHashSet<>();
        if (atendimento.get().unidadeId() != null) {
            unidades.add(atendimento.get().unidadeId());
        }
        var leitosOcupados = ocupacoes.findByAtendimentoIdOrderByInicioAsc(atendimentoId).stream()
                .map(Ocupacao::leitoId)
                .toList();
        leitos.findAllById(leitosOcupados).forEach(l -> unidades.add(l.unidadeId()));
        return unidades;
    }

    /** The unit of a bed; a set holding only {@code null} when the bed is not known. */
    Set<UUID> doLeito(UUID leitoId) {
        return leitoId == null
                ? desconhecida()
                : leitos.findById(leitoId).map(l -> Set.of(l.unidadeId())).orElseGet(EscoposDeUnidade::desconhecida);
    }

    /** Encounters of the units: by their unit or by a bed they occupied. */
    Specification<Atendimento> atendimentos(Set<UUID> unidades) {
        return (root, query, cb) ->
                cb.or(em(cb, root.get("unidadeId"), unidades), root.get("id").in(ocupouLeitoDe(query, cb, unidades)));
    }

    /** Transfers from or to a bed of the units. */
    Specification<Transferencia> transferencias(Set<UUID> unidades) {
        return (root, query, cb) -> cb.or(
                root.get("leitoOrigemId").in(leitosDe(query, cb, unidades)),
                root.get("leitoDestinoId").in(leitosDe(query, cb, unidades)));
    }

    /** Discharges of encounters of the units. */
    Specification<Alta> altas(Set<UUID> unidades) {
        return (root, query, cb) -> {
            Subquery<UUID> doEscopo = query.subquery(UUID.class);
            Root<Atendimento> a = doEscopo.from(Atendimento.class);
            doEscopo.select(a.get("id"))
                    .where(cb.or(
                            em(cb, a.get("unidadeId"), unidades), a.get("id").in(ocupouLeitoDe(query, cb, unidades))));
            return root.get("atendimentoId").in(doEscopo);
        };
    }

    private static Subquery<UUID> ocupouLeitoDe(CriteriaQuery<?> query, CriteriaBuilder cb, Set<UUID> unidades) {
        Subquery<UUID> sub = query.subquery(UUID.class);
        Root<Ocupacao> o = sub.from(Ocupacao.class);
        sub.select(o.get("atendimentoId")).where(o.get("leitoId").in(leitosDe(query, cb, unidades)));
        return sub;
    }

    private static Subquery<UUID> leitosDe(CriteriaQuery<?> query, CriteriaBuilder cb, Set<UUID> unidades) {
        Subquery<UUID> sub = query.subquery(UUID.class);
        Root<Leito> l = sub.from(Leito.class);
        sub.select(l.get("id")).where(em(cb, l.get("unidadeId"), unidades));
        return sub;
    }

    /** {@code in} that stays valid SQL for no unit at all (a limited user with an empty list). */
    private static Predicate em(CriteriaBuilder cb, Expression<UUID> coluna, Set<UUID> unidades) {
        return unidades.isEmpty() ? cb.disjunction() : coluna.in(unidades);
    }

    private static Set<UUID> desconhecida() {
        Set<UUID> s = new HashSet<>();
        s.add(null);
        return s;
    }
}
