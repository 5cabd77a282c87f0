package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.atendimento.Views.AltaView;
import br.com.rhp.hospital.atendimento.Views.TransferenciaView;
import br.com.rhp.hospital.security.AcessoPorUnidade;
import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.web.Pagina;
import br.com.rhp.hospital.write.Operations;
import br.com.rhp.hospital.write.WriteGateway;
import br.com.rhp.hospital.write.WriteResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import jakarta.validation.Valid;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transfers and discharges: events on a stay, written once and never changed. */
@RestController
@Tag(name = "Transferências e altas", description = "Movimentação de leito e alta do paciente")
class EventoController {

    private final TransferenciaRepository transferencias;
    private final AltaRepository altas;
    private final WriteGateway gateway;
    private final Operations operations;
    private final AcessoPorUnidade acesso;
    private final EscoposDeUnidade escopos;

    EventoController(
            TransferenciaRepository transferencias,
            AltaRepository altas,
            WriteGateway gateway,
            Operations operations,
            AcessoPorUnidade acesso,
            EscoposDeUnidade escopos) {
        this.acesso = acesso;
        this.escopos = escopos;
        this.transferencias = transferencias;
        this.altas = altas;
        this.gateway = gateway;
        this.operations = operations;
    }

    @PostMapping("/api/transferencias")
    @Operation(summary = "Transfere a internação do leito atual para um leito livre")
    ResponseEntity<Object> transferir(@Valid @RequestBody TransferenciaForm form) {
        // moving a patient between units needs both: where the patient is and where the patient goes
        acesso.exigirTodas(() -> {
            Set<UUID> unidades = new HashSet<>(escopos.doLeito(form.leitoOrigemId()));
            unidades.addAll(escopos.doLeito(form.leitoDestinoId()));
            return unidades;
        });
        var result = gateway.submit(operations.create(Transferencia.ENTIDADE, form));
        return WriteResponses.created(result, Transferencia.class, TransferenciaView::de, "/api/transferencias");
    }

    @GetMapping("/api/transferencias/{id}")
    ResponseEntity<TransferenciaView> transferencia(@PathVariable UUID id) {
        TransferenciaView view = transferencias
                .findById(id)
                .map(TransferenciaView::de)
                .orElseThrow(() -> new RegistroNaoEncontrado("Transferência", id));
        acesso.exigirAlguma(() -> {
            Set<UUID> unidades = new HashSet<>(escopos.doLeito(view.leitoOrigemId()));
            unidades.addAll(escopos.doLeito(view.leitoDestinoId()));
            return unidades;
        });
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @GetMapping("/api/transferencias")
    @Operation(summary = "Lista transferências de um atendimento ou de um paciente")
    Pagina<TransferenciaView> transferencias(
            @RequestParam(name = "atendimento_id", required = false) UUID atendimentoId,
            @RequestParam(name = "paciente_id", required = false) UUID pacienteId,
            @PageableDefault(size = 50, sort = "ocorridoEm", direction = Sort.Direction.DESC) Pageable pagina) {
        Specification<Transferencia> filtro = doAtendimentoOuPaciente(atendimentoId, pacienteId);
        var restricao = acesso.restricao();
        if (restricao.isPresent()) {
            filtro = filtro.and(escopos.transferencias(restricao.get()));
        }
        return Pagina.de(transferencias.findAll(filtro, pagina), TransferenciaView::de);
    }

    @PostMapping("/api/altas")
    @Operation(summary = "Registra a alta: encerra o atendimento e a ocupação; o leito vai para higienização")
    ResponseEntity<Object> darAlta(@Valid @RequestBody AltaForm form) {
        acesso.exigirAlguma(() -> escopos.doAtendimento(form.atendimentoId()));
        var result = gateway.submit(operations.create(Alta.ENTIDADE, form));
        return WriteResponses.created(result, Alta.class, AltaView::de, "/api/altas");
    }

    @GetMapping("/api/altas/{id}")
    ResponseEntity<AltaView> alta(@PathVariable UUID id) {
        AltaView view = altas.findById(id).map(AltaView::de).orElseThrow(() -> new RegistroNaoEncontrado("Alta", id));
        acesso.exigirAlguma(() -> escopos.doAtendimento(view.atendimentoId()));
        return ResponseEntity.ok().eTag(view.etag()).body(view);
    }

    @GetMapping("/api/altas")
    @Operation(summary = "Lista altas de um atendimento ou de um paciente")
    Pagina<AltaView> altas(
            @RequestParam(name = "atendimento_id", required = false) UUID atendimentoId,
            @RequestParam(name = "paciente_id", required = false) UUID pacienteId,
            @PageableDefault(size = 50, sort = "ocorridoEm", direction = Sort.Direction.DESC) Pageable pagina) {
        Specification<Alta> filtro = doAtendimentoOuPaciente(atendimentoId, pacienteId);
        var restricao = acesso.restricao();
        if (restricao.isPresent()) {
            filtro = filtro.and(escopos.altas(restricao.get()));
        }
        return Pagina.de(altas.findAll(filtro, pagina), AltaView::de);
    }

    /** Events of one encounter, or of every encounter of one patient. */
    private static <T> Specification<T> doAtendimentoOuPaciente(UUID atendimentoId, UUID pacienteId) {
        Specification<T> filtro = (root, query, cb) -> cb.conjunction();
        if (atendimentoId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("atendimentoId"), atendimentoId));
        }
        if (pacienteId != null) {
            filtro = filtro.and((root, query, cb) -> {
                Subquery<UUID> doPaciente = query.subquery(UUID.class);
                Root<Atendimento> a = doPaciente.from(Atendimento.class);
                doPaciente.select(a.get("id")).where(cb.equal(a.get("pacienteId"), pacienteId));
                return root.get("atendimentoId").in(doPaciente);
            });
        }
        return filtro;
    }
}
