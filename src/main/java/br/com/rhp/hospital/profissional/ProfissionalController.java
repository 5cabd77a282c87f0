package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.shared.TextoDeBusca;
import br.com.rhp.hospital.web.IfMatch;
import br.com.rhp.hospital.web.MergePatch;
import br.com.rhp.hospital.web.Pagina;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

@RestController
@RequestMapping("/api/profissionais")
@Tag(name = "Profissionais", description = "Profissionais de saúde: registro no conselho, ocupação e unidades")
class ProfissionalController {

    private static final String PATH = "/api/profissionais";

    /** Lists are always in name order; a client-chosen sort could name columns that do not exist. */
    private static final Sort ORDEM = Sort.by("nomeBusca", "id");

    private final ProfissionalRepository profissionais;
    private final WriteGateway gateway;
    private final Operations operations;
    private final MergePatch patches;

    ProfissionalController(
            ProfissionalRepository profissionais, WriteGateway gateway, Operations operations, MergePatch patches) {
        this.profissionais = profissionais;
        this.gateway = gateway;
        this.operations = operations;
        this.patches = patches;
    }

    @PostMapping
    @Operation(summary = "Cadastra um profissional")
    ResponseEntity<Object> criar(@Valid @RequestBody ProfissionalForm form) {
        var result = gateway.submit(operations.create(Profissional.ENTIDADE, form));
        return WriteResponses.created(result, Profissional.class, ProfissionalView::de, PATH);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Consulta um profissional")
    ResponseEntity<ProfissionalView> buscar(@PathVariable UUID id) {
        ProfissionalView view = profissionais
                .findById(id)
                .map(ProfissionalView::de)
                .orElseThrow(() -> new RegistroNaoEncontrado("Profissional", id));
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @GetMapping
    @Operation(
            summary = "Lista profissionais por página, em ordem de nome, filtrando por nome (sem distinguir acentos"
                    + " nem maiúsculas), conselho, unidade e situação")
    Pagina<ProfissionalView> listar(
            @RequestParam(required = false) String nome,
            @RequestParam(required = false) Conselho conselho,
            @RequestParam(name = "unidade_id", required = false) UUID unidadeId,
            @RequestParam(required = false) Boolean ativo,
            Pageable pagina) {
        Specification<Profissional> filtro = (root, query, cb) -> cb.conjunction();
        if (nome != null && !nome.isBlank()) {
            String termo = TextoDeBusca.contendo(nome);
            filtro = filtro.and((root, query, cb) -> cb.like(root.get("nomeBusca"), termo, TextoDeBusca.ESCAPE));
        }
        if (conselho != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("conselho"), conselho));
        }
        if (unidadeId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.join("unidades"), unidadeId));
        }
        if (ativo != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("ativo"), ativo));
        }
        Pageable ordenada = PageRequest.of(pagina.getPageNumber(), pagina.getPageSize(), ORDEM);
        return Pagina.de(profissionais.findAll(filtro, ordenada), ProfissionalView::de);
    }

    @PatchMapping(
            value = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(
            summary = "Altera um profissional (JSON merge patch; exige If-Match com a versão); \"ativo\": false o"
                    + " desativa")
    ResponseEntity<Object> alterar(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody JsonNode patch) {
        long versao = IfMatch.versao(ifMatch);
        JsonNode normalizado = ProfissionalForm.normalizarPatch(patch);
        patches.checkFields(normalizado, ProfissionalForm.class);
        var result = gateway.submit(operations.update(Profissional.ENTIDADE, id, versao, normalizado));
        return WriteResponses.updated(result, Profissional.class, ProfissionalView::de, PATH);
    }
}
