package br.com.rhp.hospital.unidade;

import br.com.rhp.hospital.security.AcessoPorUnidade;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.web.PageableDefault;
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
@RequestMapping("/api/unidades")
@Tag(name = "Unidades", description = "Unidades do hospital: estabelecimentos, prédios, alas, enfermarias, UTIs")
class UnidadeController {

    private static final String PATH = "/api/unidades";

    private final UnidadeRepository unidades;
    private final WriteGateway gateway;
    private final Operations operations;
    private final MergePatch patches;
    private final AcessoPorUnidade acesso;

    UnidadeController(
            UnidadeRepository unidades,
            WriteGateway gateway,
            Operations operations,
            MergePatch patches,
            AcessoPorUnidade acesso) {
        this.unidades = unidades;
        this.gateway = gateway;
        this.operations = operations;
        this.patches = patches;
        this.acesso = acesso;
    }

    @PostMapping
    @Operation(summary = "Cadastra uma unidade")
    ResponseEntity<Object> criar(@Valid @RequestBody UnidadeForm form) {
        // the catalogue of units is the whole hospital's: not for a user limited to some of them
        acesso.exigirIrrestrito();
        var result = gateway.submit(operations.create(Unidade.ENTIDADE, form));
        return WriteResponses.created(result, Unidade.class, UnidadeView::de, PATH);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Consulta uma unidade")
    ResponseEntity<UnidadeView> buscar(@PathVariable UUID id) {
        UnidadeView view =
                unidades.findById(id).map(UnidadeView::de).orElseThrow(() -> new RegistroNaoEncontrado("Unidade", id));
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @GetMapping
    @Operation(summary = "Lista unidades, com filtros por tipo, situação, unidade superior e nome ou código")
    Pagina<UnidadeView> listar(
            @RequestParam(required = false) TipoUnidade tipo,
            @RequestParam(required = false) Boolean ativo,
            @RequestParam(name = "unidade_pai_id", required = false) UUID unidadePaiId,
            @RequestParam(required = false) String busca,
            @PageableDefault(size = 50, sort = "codigo", direction = Sort.Direction.ASC) Pageable pagina) {
        Specification<Unidade> filtro = (root, query, cb) -> cb.conjunction();
        if (tipo != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("tipo"), tipo));
        }
        if (ativo != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("ativo"), ativo));
        }
        if (unidadePaiId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("unidadePaiId"), unidadePaiId));
        }
        if (busca != null && !busca.isBlank()) {
            // % and _ typed by the user are searched for literally, not as wildcards
            String literal = busca.strip()
                    .toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_");
            String termo = "%" + literal + "%";
            filtro = filtro.and((root, query, cb) -> cb.or(
                    cb.like(cb.lower(root.get("nome")), termo, '\\'),
                    cb.like(cb.lower(root.get("codigo")), termo, '\\')));
        }
        return Pagina.de(unidades.findAll(filtro, pagina), UnidadeView::de);
    }

    @PatchMapping(
            value = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Altera uma unidade (JSON merge patch; exige If-Match com a versão)")
    ResponseEntity<Object> alterar(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody JsonNode patch) {
        acesso.exigirAlguma(() -> List.of(id));
        long versao = IfMatch.versao(ifMatch);
        patches.checkFields(patch, UnidadeForm.class);
        var result = gateway.submit(operations.update(Unidade.ENTIDADE, id, versao, patch));
        return WriteResponses.updated(result, Unidade.class, UnidadeView::de, PATH);
    }
}
