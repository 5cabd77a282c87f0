package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.atendimento.Views.CensoView;
import br.com.rhp.hospital.atendimento.Views.LeitoOcupacaoView;
import br.com.rhp.hospital.atendimento.Views.PacienteNoLeito;
import br.com.rhp.hospital.leito.Leito;
import br.com.rhp.hospital.leito.LeitoRepository;
import br.com.rhp.hospital.leito.StatusLeito;
import br.com.rhp.hospital.paciente.Paciente;
import br.com.rhp.hospital.paciente.PacienteRepository;
import br.com.rhp.hospital.security.AcessoPorUnidade;
import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.trilha.TrilhaDeAuditoria;
import br.com.rhp.hospital.unidade.Unidade;
import br.com.rhp.hospital.unidade.UnidadeRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What a ward needs to see: who is in a bed, and the census of a unit. */
@RestController
@Tag(name = "Enfermaria", description = "Ocupação atual de leito e censo da unidade")
class EnfermariaController {

    private final LeitoRepository leitos;
    private final UnidadeRepository unidades;
    private final OcupacaoRepository ocupacoes;
    private final AtendimentoRepository atendimentos;
    private final PacienteRepository pacientes;
    private final Clock clock;
    private final TransactionTemplate leitura;
    private final TrilhaDeAuditoria trilha;
    private final AcessoPorUnidade acesso;

    EnfermariaController(
            LeitoRepository leitos,
            UnidadeRepository unidades,
            OcupacaoRepository ocupacoes,
            AtendimentoRepository atendimentos,
            PacienteRepository pacientes,
            Clock clock,
            PlatformTransactionManager transactions,
            TrilhaDeAuditoria trilha,
            AcessoPorUnidade acesso) {
        this.acesso = acesso;
        this.leitos = leitos;
        this.unidades = unidades;
        this.ocupacoes = ocupacoes;
        this.atendimentos = atendimentos;
        this.pacientes = pacientes;
        this.clock = clock;
        // one consistent snapshot per view; the audit entry is written after it, in its own transaction
        this.leitura = new TransactionTemplate(transactions);
        this.leitura.setReadOnly(true);
        this.trilha = trilha;
    }

    @GetMapping("/api/leitos/{id}/ocupacao")
    @Operation(summary = "Ocupação atual do leito: o paciente e desde quando (ocupacao nula se livre)")
    LeitoOcupacaoView ocupacaoAtual(@PathVariable UUID id) {
        LeitoOcupacaoView view = leitura.execute(status -> {
            Leito leito = leitos.findById(id).orElseThrow(() -> new RegistroNaoEncontrado("Leito", id));
            acesso.exigirAlguma(() -> List.of(leito.unidadeId()));
            return comOcupantes(List.of(leito)).get(0);
        });
        trilha.registrarLeitura(Leito.ENTIDADE, id, "ocupação atual do leito");
        return view;
    }

    @GetMapping("/api/unidades/{id}/censo")
    @Operation(summary = "Censo da unidade: leitos por status, taxa de ocupação e quem está em cada leito")
    CensoView censo(@PathVariable UUID id) {
        CensoView censo = leitura.execute(status -> montarCenso(id));
        trilha.registrarLeitura(Unidade.ENTIDADE, id, "censo da unidade");
        return censo;
    }

    private CensoView montarCenso(UUID id) {
        Unidade unidade = unidades.findById(id).orElseThrow(() -> new RegistroNaoEncontrado("Unidade", id));
        acesso.exigirAlguma(() -> List.of(id));
        List<LeitoOcupacaoView> views = comOcupantes(leitos.findByUnidadeIdOrderByCodigo(id));
        Map<StatusLeito, Long> porStatus = new EnumMap<>(StatusLeito.class);
        for (StatusLeito s : StatusLeito.values()) {
            porStatus.put(s, 0L);
        }
        views.forEach(v -> porStatus.merge(v.status(), 1L, Long::sum));
        long operacionais = views.size() - porStatus.get(StatusLeito.DESATIVADO);
        double taxa = operacionais == 0 ? 0.0 : (double) porStatus.get(StatusLeito.OCUPADO) / operacionais;
        return new CensoView(
                unidade.id(),
                unidade.codigo(),
                unidade.nome(),
                clock.instant(),
                views.size(),
                porStatus,
                Math.round(taxa * 1000) / 1000.0,
                views);
    }

    private List<LeitoOcupacaoView> comOcupantes(List<Leito> lista) {
        Map<UUID, Ocupacao> abertas =
                ocupacoes
                        .findByLeitoIdInAndFimIsNull(
                                lista.stream().map(Leito::id).toList())
                        .stream()
                        .collect(Collectors.toMap(Ocupacao::leitoId, Function.identity()));
        Map<UUID, Atendimento> stays =
                atendimentos
                        .findAllById(abertas.values().stream()
                                .map(Ocupacao::atendimentoId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(Atendimento::id, Function.identity()));
        Map<UUID, Paciente> pessoas =
                pacientes
                        .findAllById(stays.values().stream()
                                .map(Atendimento::pacienteId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(Paciente::id, Function.identity()));
        return lista.stream()
                .map(l -> {
                    Ocupacao o = abertas.get(l.id());
                    PacienteNoLeito ocupante = null;
                    if (o != null) {
                        Paciente p = pessoas.get(stays.get(o.atendimentoId()).pacienteId());
                        ocupante = new PacienteNoLeito(p.id(), p.nome(), p.nomeSocial(), o.atendimentoId(), o.inicio());
                    }
                    return new LeitoOcupacaoView(
                            l.id(), l.codigo(), l.tipo(), l.status(), l.statusMotivo(), l.statusDesde(), ocupante);
                })
                .toList();
    }
}
