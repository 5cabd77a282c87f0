package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.atendimento.Views.AtendimentoView;
import br.com.rhp.hospital.atendimento.Views.OcupacaoView;
import br.com.rhp.hospital.leito.Leito;
import br.com.rhp.hospital.leito.LeitoRepository;
import br.com.rhp.hospital.security.AcessoPorUnidade;
import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.trilha.TrilhaDeAuditoria;
import br.com.rhp.hospital.web.IfMatch;
import br.com.rhp.hospital.web.Pagina;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/atendimentos")
@Tag(name = "Atendimentos", description = "Atendimentos e internações (admissão em leito)")
class AtendimentoController {

    private static final String PATH = "/api/atendimentos";

    private final AtendimentoRepository atendimentos;
    private final OcupacaoRepository ocupacoes;
    private final LeitoRepository leitos;
    private final WriteGateway gateway;
    private final Operations operations;
    private final TrilhaDeAuditoria trilha;
    private final AcessoPorUnidade acesso;
    private final EscoposDeUnidade escopos;

    AtendimentoController(
            AtendimentoRepository atendimentos,
            OcupacaoRepository ocupacoes,
            LeitoRepository leitos,
            WriteGateway gateway,
            Operations operations,
            TrilhaDeAuditoria trilha,
            AcessoPorUnidade acesso,
            EscoposDeUnidade escopos) {
        this.acesso = acesso;
        this.escopos = escopos;
        this.atendimentos = atendimentos;
        this.ocupacoes = ocupacoes;
        this.leitos = leitos;
        this.gateway = gateway;
        this.operations = operations;
        this.trilha = trilha;
    }

    @PostMapping
    @Operation(summary = "Abre um atendimento; uma INTERNACAO com leito_id admite o paciente no leito")
    ResponseEntity<Object> abrir(@Valid @RequestBody AtendimentoForm form) {
        // an admission is in the bed's unit; any other encounter in the unit it names
        acesso.exigirTodas(() ->
                form.leitoId() != null ? escopos.doLeito(form.leitoId()) : Collections.singleton(form.unidadeId()));
        var result = gateway.submit(operations.create(Atendimento.ENTIDADE, form));
        return WriteResponses.created(result, Atendimento.class, this::view, PATH);
    }

    @PostMapping("/{id}/cancelamento")
    @Operation(summary = "Cancela um atendimento registrado por engano (exige If-Match); libera o leito")
    ResponseEntity<Object> cancelar(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody CancelamentoForm form) {
        acesso.exigirAlguma(() -> escopos.doAtendimento(id));
        long versao = IfMatch.versao(ifMatch);
        var result = gateway.submit(operations.update(Atendimento.ENTIDADE, AdtHandlers.CANCELAR, id, versao, form));
        return WriteResponses.updated(result, Atendimento.class, this::view, PATH);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Consulta um atendimento, com o leito atual")
    ResponseEntity<AtendimentoView> buscar(@PathVariable UUID id) {
        AtendimentoView view = atendimentos
                .findById(id)
                .map(this::view)
                .orElseThrow(() -> new RegistroNaoEncontrado("Atendimento", id));
        acesso.exigirAlguma(() -> escopos.doAtendimento(id));
        trilha.registrarLeitura(Atendimento.ENTIDADE, id, null);
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @GetMapping
    @Operation(summary = "Lista atendimentos por paciente, unidade, tipo e status")
    Pagina<AtendimentoView> listar(
            @RequestParam(name = "paciente_id", required = false) UUID pacienteId,
            @RequestParam(name = "unidade_id", required = false) UUID unidadeId,
            @RequestParam(required = false) TipoAtendimento tipo,
            @RequestParam(required = false) StatusAtendimento status,
            @PageableDefault(size = 50, sort = "inicio", direction = Sort.Direction.DESC) Pageable pagina) {
        Specification<Atendimento> filtro = (root, query, cb) -> cb.conjunction();
        if (pacienteId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("pacienteId"), pacienteId));
        }
        if (unidadeId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("unidadeId"), unidadeId));
        }
        if (tipo != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("tipo"), tipo));
        }
        if (status != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        var restricao = acesso.restricao();
        if (restricao.isPresent()) {
            filtro = filtro.and(escopos.atendimentos(restricao.get()));
        }
        return Pagina.de(atendimentos.findAll(filtro, pagina), this::view);
    }

    @GetMapping("/{id}/leitos")
    @Operation(summary = "Histórico de leitos da internação, do primeiro ao atual")
    List<OcupacaoView> historicoDeLeitos(@PathVariable UUID id) {
        if (!atendimentos.existsById(id)) {
            throw new RegistroNaoEncontrado("Atendimento", id);
        }
        acesso.exigirAlguma(() -> escopos.doAtendimento(id));
        var periodos = ocupacoes.findByAtendimentoIdOrderByInicioAsc(id);
        trilha.registrarLeitura(Atendimento.ENTIDADE, id, "histórico de leitos");
        Map<UUID, Leito> porId = leitos
                .findAllById(periodos.stream().map(Ocupacao::leitoId).toList())
                .stream()
                .collect(Collectors.toMap(Leito::id, Function.identity()));
        return periodos.stream()
                .map(o -> {
                    Leito l = porId.get(o.leitoId());
                    return new OcupacaoView(o.id(), o.leitoId(), l.codigo(), l.unidadeId(), o.inicio(), o.fim());
                })
                .toList();
    }

    private AtendimentoView view(Atendimento a) {
        UUID leitoAtual = ocupacoes
                .findByAtendimentoIdAndFimIsNull(a.id())
                .map(Ocupacao::leitoId)
                .orElse(null);
        return AtendimentoView.de(a, leitoAtual);
    }
}
