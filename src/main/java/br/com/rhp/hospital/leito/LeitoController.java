package br.com.rhp.hospital.leito;

import br.com.rhp.hospital.security.AcessoPorUnidade;
import br.com.rhp.hospital.shared.DadosInvalidos;
import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.web.IfMatch;
import br.com.rhp.hospital.web.MergePatch;
import br.com.rhp.hospital.web.Pagina;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/leitos")
@Tag(name = "Leitos", description = "Leitos das unidades de internação e seu status (sem dados de pacientes)")
class LeitoController {

    private static final String PATH = "/api/leitos";

    /** Always by code, then unit and id so that pages are stable when codes repeat across units. */
    private static final Sort ORDEM = Sort.by("codigo", "unidadeId", "id");

    /** Fields of a bed that a merge patch may not touch, with what to do instead. */
    private static final Map<String, String> NAO_ALTERAVEIS = new LinkedHashMap<>();

    static {
        NAO_ALTERAVEIS.put(
                "unidade_id", "a unidade de um leito não pode ser alterada: desative este leito e cadastre outro");
        NAO_ALTERAVEIS.put("status", "o status muda por POST /api/leitos/{id}/status ou pelos atendimentos");
        NAO_ALTERAVEIS.put(
                "status_motivo", "o motivo do status muda junto com o status, por POST /api/leitos/{id}/status");
        NAO_ALTERAVEIS.put("status_desde", "o início do status é registrado pela mudança de status");
    }

    private final LeitoRepository leitos;
    private final WriteGateway gateway;
    private final Operations operations;
    private final MergePatch patches;
    private final AcessoPorUnidade acesso;

    LeitoController(
            LeitoRepository leitos,
            WriteGateway gateway,
            Operations operations,
            MergePatch patches,
            AcessoPorUnidade acesso) {
        this.leitos = leitos;
        this.gateway = gateway;
        this.operations = operations;
        this.patches = patches;
        this.acesso = acesso;
    }

    @PostMapping
    @Operation(summary = "Cadastra um leito (DISPONIVEL) numa unidade ativa que aceita internação")
    ResponseEntity<Object> criar(@Valid @RequestBody LeitoForm form) {
        acesso.exigirAlguma(() -> Collections.singleton(form.unidadeId()));
        var result = gateway.submit(operations.create(Leito.ENTIDADE, form));
        return WriteResponses.created(result, Leito.class, LeitoView::de, PATH);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Consulta um leito")
    ResponseEntity<LeitoView> buscar(@PathVariable UUID id) {
        LeitoView view =
                leitos.findById(id).map(LeitoView::de).orElseThrow(() -> new RegistroNaoEncontrado("Leito", id));
        acesso.exigirAlguma(() -> List.of(view.unidadeId()));
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @GetMapping
    @Operation(summary = "Lista leitos por código, com filtros por unidade, status (um ou vários), tipo e acomodação")
    Pagina<LeitoView> listar(
            @RequestParam(name = "unidade_id", required = false) UUID unidadeId,
            @RequestParam(required = false) List<StatusLeito> status,
            @RequestParam(required = false) TipoLeito tipo,
            @RequestParam(required = false) Acomodacao acomodacao,
            Pageable pagina) {
        Specification<Leito> filtro = (root, query, cb) -> cb.conjunction();
        if (unidadeId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("unidadeId"), unidadeId));
        }
        var restricao = acesso.restricao();
        if (restricao.isPresent()) {
            var minhas = restricao.get();
            filtro = filtro.and((root, query, cb) ->
                    minhas.isEmpty() ? cb.disjunction() : root.get("unidadeId").in(minhas));
        }
        if (status != null && !status.isEmpty()) {
            filtro = filtro.and((root, query, cb) -> root.get("status").in(status));
        }
        if (tipo != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("tipo"), tipo));
        }
        if (acomodacao != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("acomodacao"), acomodacao));
        }
        // a client's sort parameter is ignored: an unknown property would otherwise fail the query
        Pageable ordenada = PageRequest.of(pagina.getPageNumber(), pagina.getPageSize(), ORDEM);
        return Pagina.de(leitos.findAll(filtro, ordenada), LeitoView::de);
    }

    @PatchMapping(
            value = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(
            summary = "Altera código, tipo ou acomodação de um leito (JSON merge patch; exige If-Match com a versão)")
    ResponseEntity<Object> alterar(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody JsonNode patch) {
        exigirUnidadeDo(id);
        long versao = IfMatch.versao(ifMatch);
        verificarCampos(patch);
        var result = gateway.submit(operations.update(Leito.ENTIDADE, id, versao, patch));
        return WriteResponses.updated(result, Leito.class, LeitoView::de, PATH);
    }

    @PostMapping("/{id}/status")
    @Operation(
            summary = "Muda o status de um leito (higienização concluída, reserva, bloqueio, manutenção, "
                    + "desativação); exige If-Match. OCUPADO só por internação ou transferência.")
    ResponseEntity<Object> mudarStatus(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody MudancaDeStatusForm form) {
        exigirUnidadeDo(id);
        long versao = IfMatch.versao(ifMatch);
        // refused now, never staged: no later replay could make it valid
        if (form.status() == StatusLeito.OCUPADO) {
            throw new OcupacaoManualProibida();
        }
        var result = gateway.submit(operations.update(Leito.ENTIDADE, Leito.MUDAR_STATUS, id, versao, form));
        return WriteResponses.updated(result, Leito.class, LeitoView::de, PATH);
    }

    /** A limited user changes only beds of their units; a bed the database does not know is in none. */
    private void exigirUnidadeDo(UUID id) {
        acesso.exigirAlguma(() ->
                Collections.singleton(leitos.findById(id).map(Leito::unidadeId).orElse(null)));
    }

    /** Names every field the patch may not change, together with any bad descriptive field. */
    private void verificarCampos(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            patches.checkFields(patch, DescricaoDoLeito.class);
            return;
        }
        List<DadosInvalidos.Campo> erros = new ArrayList<>();
        ObjectNode descritivos = ((ObjectNode) patch).deepCopy();
        NAO_ALTERAVEIS.forEach((campo, mensagem) -> {
            if (descritivos.remove(campo) != null) {
                erros.add(new DadosInvalidos.Campo(campo, mensagem));
            }
        });
        if (erros.isEmpty() || !descritivos.isEmpty()) {
            try {
                patches.checkFields(descritivos, DescricaoDoLeito.class);
            } catch (DadosInvalidos e) {
                erros.addAll(e.campos());
            }
        }
        if (!erros.isEmpty()) {
            throw new DadosInvalidos(erros);
        }
    }
}
