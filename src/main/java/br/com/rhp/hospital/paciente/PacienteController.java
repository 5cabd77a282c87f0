package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.security.AcessoPorUnidade;
import br.com.rhp.hospital.shared.DadosInvalidos;
import br.com.rhp.hospital.shared.Identificadores;
import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.shared.TextoDeBusca;
import br.com.rhp.hospital.trilha.TrilhaDeAuditoria;
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
import java.util.function.Predicate;
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
@RequestMapping("/api/pacientes")
@Tag(name = "Pacientes", description = "Cadastro de pacientes: identificação, dados demográficos e endereço")
class PacienteController {

    private static final String PATH = "/api/pacientes";

    /** Lists are always in name order; a client-chosen sort could name columns that do not exist. */
    private static final Sort ORDEM = Sort.by("nomeBusca", "id");

    private final PacienteRepository pacientes;
    private final WriteGateway gateway;
    private final Operations operations;
    private final MergePatch patches;
    private final TrilhaDeAuditoria trilha;
    private final AcessoPorUnidade acesso;

    PacienteController(
            PacienteRepository pacientes,
            WriteGateway gateway,
            Operations operations,
            MergePatch patches,
            TrilhaDeAuditoria trilha,
            AcessoPorUnidade acesso) {
        this.acesso = acesso;
        this.pacientes = pacientes;
        this.gateway = gateway;
        this.operations = operations;
        this.patches = patches;
        this.trilha = trilha;
    }

    @PostMapping
    @Operation(summary = "Cadastra um paciente (com CPF, CNS ou como não identificado, com justificativa)")
    ResponseEntity<Object> criar(@Valid @RequestBody PacienteForm form) {
        var result = gateway.submit(operations.create(Paciente.ENTIDADE, form));
        return WriteResponses.created(result, Paciente.class, PacienteView::de, PATH);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Consulta um paciente, inclusive anulado")
    ResponseEntity<PacienteView> buscar(@PathVariable UUID id) {
        PacienteView view = pacientes
                .findById(id)
                .map(PacienteView::de)
                .orElseThrow(() -> new RegistroNaoEncontrado("Paciente", id));
        acesso.exigirPaciente(id);
        trilha.registrarLeitura(Paciente.ENTIDADE, id, null);
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @GetMapping
    @Operation(
            summary = "Lista pacientes por página, em ordem de nome, filtrando por nome (sem distinguir acentos"
                    + " nem maiúsculas), CPF ou CNS; anulados só com incluir_anulados=true")
    Pagina<PacienteView> listar(
            @RequestParam(required = false) String nome,
            @RequestParam(required = false) String cpf,
            @RequestParam(required = false) String cns,
            @RequestParam(name = "incluir_anulados", defaultValue = "false") boolean incluirAnulados,
            Pageable pagina) {
        Specification<Paciente> filtro = (root, query, cb) -> cb.conjunction();
        if (!incluirAnulados) {
            filtro = filtro.and((root, query, cb) -> cb.isFalse(root.get("anulado")));
        }
        if (nome != null && !nome.isBlank()) {
            String termo = TextoDeBusca.contendo(nome);
            filtro = filtro.and((root, query, cb) -> cb.like(root.get("nomeBusca"), termo, TextoDeBusca.ESCAPE));
        }
        String cpfNormalizado = identificador("cpf", cpf, Identificadores::cpfValido, "CPF inválido");
        if (cpfNormalizado != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("cpf"), cpfNormalizado));
        }
        String cnsNormalizado = identificador("cns", cns, Identificadores::cnsValido, "CNS inválido");
        if (cnsNormalizado != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("cns"), cnsNormalizado));
        }
        var permitidos = acesso.pacientesPermitidos();
        if (permitidos.isPresent()) {
            var ids = permitidos.get();
            filtro = filtro.and((root, query, cb) ->
                    ids.isEmpty() ? cb.disjunction() : root.get("id").in(ids));
        }
        Pageable ordenada = PageRequest.of(pagina.getPageNumber(), pagina.getPageSize(), ORDEM);
        Pagina<PacienteView> resultado = Pagina.de(pacientes.findAll(filtro, ordenada), PacienteView::de);
        // which filters, never their values (a CPF, a name)
        trilha.registrarLeitura(
                Paciente.ENTIDADE,
                null,
                "lista de pacientes (" + resultado.itens().size() + " na página"
                        + (nome != null && !nome.isBlank() ? ", por nome" : "")
                        + (cpfNormalizado != null ? ", por CPF" : "")
                        + (cnsNormalizado != null ? ", por CNS" : "")
                        + ")");
        return resultado;
    }

    @PatchMapping(
            value = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Corrige o cadastro de um paciente (JSON merge patch; exige If-Match com a versão)")
    ResponseEntity<Object> alterar(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody JsonNode patch) {
        acesso.exigirPaciente(id);
        long versao = IfMatch.versao(ifMatch);
        JsonNode normalizado = PacienteForm.normalizarPatch(patch);
        patches.checkFields(normalizado, PacienteForm.class);
        var result = gateway.submit(operations.update(Paciente.ENTIDADE, id, versao, normalizado));
        return WriteResponses.updated(result, Paciente.class, PacienteView::de, PATH);
    }

    @PostMapping("/{id}/anulacao")
    @Operation(
            summary = "Anula o cadastro de um paciente, com o motivo (exige If-Match com a versão); recusado"
                    + " enquanto houver atendimento em andamento")
    ResponseEntity<Object> anular(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody AnulacaoForm anulacao) {
        acesso.exigirPaciente(id);
        long versao = IfMatch.versao(ifMatch);
        var result =
                gateway.submit(operations.update(Paciente.ENTIDADE, PacienteHandlers.ANULAR, id, versao, anulacao));
        return WriteResponses.updated(result, Paciente.class, PacienteView::de, PATH);
    }

    /** The identifier of a search in its stored form, or {@code null} when not given. */
    private static String identificador(String campo, String valor, Predicate<String> valido, String erro) {
        if (valor == null || valor.isBlank()) {
            return null;
        }
        String digitos = Identificadores.semMascara(valor.strip());
        if (!valido.test(digitos)) {
            throw new DadosInvalidos(campo, erro);
        }
        return digitos;
    }
}
