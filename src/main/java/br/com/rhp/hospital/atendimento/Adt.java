package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.leito.Leito;
import br.com.rhp.hospital.paciente.Paciente;
import br.com.rhp.hospital.paciente.PacienteRepository;
import br.com.rhp.hospital.profissional.Profissional;
import br.com.rhp.hospital.profissional.ProfissionalRepository;
import br.com.rhp.hospital.shared.Autoria;
import br.com.rhp.hospital.shared.ReferenciaInexistente;
import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.shared.RegistrosDaTransacao;
import br.com.rhp.hospital.shared.Travas;
import br.com.rhp.hospital.shared.UuidV7;
import br.com.rhp.hospital.shared.VersaoDivergente;
import br.com.rhp.hospital.unidade.Unidade;
import br.com.rhp.hospital.unidade.UnidadeRepository;
import br.com.rhp.hospital.write.Operation;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Admission, transfer, discharge and cancellation, each applied in the write gateway's transaction.
 *
 * <p>Concurrency: every event on an existing stay first locks the encounter row, then the beds it
 * touches in id order; an admission locks its bed. So two events can never interleave on one stay or
 * one bed (PostgreSQL row locks; SQLite has a single writer), and the partial unique indexes on
 * {@code ocupacao} and {@code atendimento} stop whatever slips past, for instance two nodes replaying
 * offline admissions into the same bed. Locks go through {@link Travas}: a record this transaction
 * already locked or created is not locked again (the replay applies many operations in one transaction).
 */
@Component
class Adt {

    private final AtendimentoRepository atendimentos;
    private final OcupacaoRepository ocupacoes;
    private final TransferenciaRepository transferencias;
    private final AltaRepository altas;
    private final PacienteRepository pacientes;
    private final UnidadeRepository unidades;
    private final ProfissionalRepository profissionais;
    private final Travas travas;
    private final RegistrosDaTransacao registros;
    private final UuidV7 ids;
    private final Clock clock;

    Adt(
            AtendimentoRepository atendimentos,
            OcupacaoRepository ocupacoes,
            TransferenciaRepository transferencias,
            AltaRepository altas,
            PacienteRepository pacientes,
            UnidadeRepository unidades,
            ProfissionalRepository profissionais,
            Travas travas,
            RegistrosDaTransacao registros,
            UuidV7 ids,
            Clock clock) {
        this.atendimentos = atendimentos;
        this.ocupacoes = ocupacoes;
        this.transferencias = transferencias;
        this.altas = altas;
        this.pacientes = pacientes;
        this.unidades = unidades;
        this.profissionais = profissionais;
        this.travas = travas;
        this.registros = registros;
        this.ids = ids;
        this.clock = clock;
    }

    Atendimento abrir(Operation op, AtendimentoForm form) {
        Autoria autoria = op.autoria(clock.instant());
        Instant inicio = form.inicio() != null ? form.inicio() : op.registradoEm();
        Paciente paciente = pacientes
                .findById(form.pacienteId())
                .orElseThrow(() -> new ReferenciaInexistente("Paciente", form.pacienteId()));
        if (paciente.anulado()) {
            throw new PacienteComCadastroAnulado();
        }
        exigirProfissionalAtivo(form.profissionalResponsavelId());
        if (form.tipo() != TipoAtendimento.INTERNACAO) {
            exigirUnidadeAtiva(form.unidadeId(), false);
            return atendimentos.save(Atendimento.abrir(op.entityId(), form, form.unidadeId(), inicio, autoria));
        }
        if (internado(paciente.id())) {
            throw new PacienteJaInternado();
        }
        Leito leito = travarLeito(form.leitoId());
        if (form.unidadeId() != null && !form.unidadeId().equals(leito.unidadeId())) {
            throw new UnidadeIndisponivel("o leito informado pertence a outra unidade");
        }
        exigirUnidadeAtiva(leito.unidadeId(), true);
        leito.ocupar(inicio, autoria);
        Atendimento atendimento =
                atendimentos.save(Atendimento.abrir(op.entityId(), form, leito.unidadeId(), inicio, autoria));
        ocupacoes.save(Ocupacao.abrir(ids.next(), atendimento.id(), leito.id(), inicio, autoria));
        return atendimento;
    }

    Transferencia transferir(Operation op, TransferenciaForm form) {
        Autoria autoria = op.autoria(clock.instant());
        Instant em = form.ocorridoEm() != null ? form.ocorridoEm() : op.registradoEm();
        Atendimento atendimento = travarAtendimento(form.atendimentoId());
        atendimento.exigirEmAndamento();
        exigirProfissionalAtivo(form.profissionalId());
        Map<UUID, Leito> travados = travarLeitos(form.leitoOrigemId(), form.leitoDestinoId());
        Ocupacao atual = ocupacaoAberta(atendimento.id()).orElseThrow(AtendimentoSemLeito::new);
        if (!atual.leitoId().equals(form.leitoOrigemId())) {
            throw new LeitoDeOrigemDivergente();
        }
        Leito origem = travados.get(form.leitoOrigemId());
        Leito destino = travados.get(form.leitoDestinoId());
        exigirUnidadeAtiva(destino.unidadeId(), true);
        atual.encerrar(em, autoria);
        // the closed occupancy must reach the database before the new one opens: one open per stay
        ocupacoes.saveAndFlush(atual);
        origem.desocupar(em, autoria);
        destino.ocupar(em, autoria);
        ocupacoes.save(Ocupacao.abrir(ids.next(), atendimento.id(), destino.id(), em, autoria));
        return transferencias.save(Transferencia.registrar(op.entityId(), form, em, autoria));
    }

    Alta darAlta(Operation op, AltaForm form) {
        Autoria autoria = op.autoria(clock.instant());
        Instant em = form.ocorridoEm() != null ? form.ocorridoEm() : op.registradoEm();
        Atendimento atendimento = travarAtendimento(form.atendimentoId());
        if (altaRegistrada(atendimento.id())) {
            throw new AltaJaRegistrada();
        }
        atendimento.exigirEmAndamento();
        exigirProfissionalAtivo(form.profissionalId());
        if (atendimento.tipo() == TipoAtendimento.INTERNACAO && form.cidPrincipal() == null) {
            throw new CidObrigatorioNaInternacao();
        }
        liberarLeitoAtual(atendimento, em, autoria);
        atendimento.finalizar(em, form.cidPrincipal(), autoria);
        return altas.save(Alta.registrar(op.entityId(), form, em, autoria));
    }

    Atendimento cancelar(Operation op, CancelamentoForm form) {
        Autoria autoria = op.autoria(clock.instant());
        Atendimento atendimento = travas.travar(Atendimento.class, op.entityId())
                .orElseThrow(() -> new RegistroNaoEncontrado("Atendimento", op.entityId()));
        VersaoDivergente.exigir("Atendimento", op.baseVersion(), atendimento.versao());
        atendimento.exigirEmAndamento();
        liberarLeitoAtual(atendimento, op.registradoEm(), autoria);
        atendimento.cancelar(form.motivo(), op.registradoEm(), autoria);
        return atendimento;
    }

    private void liberarLeitoAtual(Atendimento atendimento, Instant em, Autoria autoria) {
        var aberta = ocupacaoAberta(atendimento.id());
        if (aberta.isPresent()) {
            Ocupacao ocupacao = aberta.get();
            Leito leito = travarLeito(ocupacao.leitoId());
            ocupacao.encerrar(em, autoria);
            leito.desocupar(em, autoria);
        }
    }

    // The three rule checks below ask about the rows that refer to a patient or an encounter. When this
    // transaction created that patient or encounter (a replay batch: admitted, transferred and discharged in
    // the same batch), every such row is in the persistence context (RegistrosDaTransacao says why), so the
    // answer comes from there, without a query; otherwise the database answers.

    private boolean internado(UUID pacienteId) {
        if (registros.criadoNestaTransacao(pacienteId)) {
            return registros
                    .gerenciados(Atendimento.class)
                    .anyMatch(a -> a.pacienteId().equals(pacienteId)
                            && a.tipo() == TipoAtendimento.INTERNACAO
                            && a.status() == StatusAtendimento.EM_ANDAMENTO);
        }
        return atendimentos.existsByPacienteIdAndTipoAndStatus(
                pacienteId, TipoAtendimento.INTERNACAO, StatusAtendimento.EM_ANDAMENTO);
    }

    private Optional<Ocupacao> ocupacaoAberta(UUID atendimentoId) {
        if (registros.criadoNestaTransacao(atendimentoId)) {
            return registros
                    .gerenciados(Ocupacao.class)
                    .filter(o -> o.atendimentoId().equals(atendimentoId) && o.fim() == null)
                    .findFirst();
        }
        return ocupacoes.findByAtendimentoIdAndFimIsNull(atendimentoId);
    }

    private boolean altaRegistrada(UUID atendimentoId) {
        if (registros.criadoNestaTransacao(atendimentoId)) {
            return registros
                    .gerenciados(Alta.class)
                    .anyMatch(a -> a.atendimentoId().equals(atendimentoId));
        }
        return altas.existsByAtendimentoId(atendimentoId);
    }

    private Atendimento travarAtendimento(UUID id) {
        return travas.travar(Atendimento.class, id).orElseThrow(() -> new ReferenciaInexistente("Atendimento", id));
    }

    private Leito travarLeito(UUID id) {
        return travas.travar(Leito.class, id).orElseThrow(() -> new ReferenciaInexistente("Leito", id));
    }

    /** Locks the beds in id order, so two transactions never wait on each other in a cycle. */
    private Map<UUID, Leito> travarLeitos(UUID... ids) {
        List<UUID> ordenados =
                Stream.of(ids).distinct().sorted(Comparator.naturalOrder()).toList();
        return ordenados.stream().map(this::travarLeito).collect(Collectors.toMap(Leito::id, Function.identity()));
    }

    private void exigirUnidadeAtiva(UUID unidadeId, boolean internacao) {
        Unidade unidade =
                unidades.findById(unidadeId).orElseThrow(() -> new ReferenciaInexistente("Unidade", unidadeId));
        if (!unidade.ativo()) {
            throw new UnidadeIndisponivel("a unidade " + unidade.codigo() + " está inativa");
        }
        if (internacao && !unidade.aceitaInternacao()) {
            throw new UnidadeIndisponivel("a unidade " + unidade.codigo() + " não aceita internação");
        }
    }

    private void exigirProfissionalAtivo(UUID profissionalId) {
        if (profissionalId == null) {
            return;
        }
        Profissional profissional = profissionais
                .findById(profissionalId)
                .orElseThrow(() -> new ReferenciaInexistente("Profissional", profissionalId));
        if (!profissional.ativo()) {
            throw new ProfissionalInativo();
        }
    }
}
