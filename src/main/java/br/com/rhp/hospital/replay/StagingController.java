package br.com.rhp.hospital.replay;

import br.com.rhp.hospital.database.DatabaseCircuit;
import br.com.rhp.hospital.database.SchemaMigrations;
import br.com.rhp.hospital.shared.RegistroNaoEncontrado;
import br.com.rhp.hospital.staging.Area;
import br.com.rhp.hospital.staging.OperationStatus;
import br.com.rhp.hospital.staging.StagedEntry;
import br.com.rhp.hospital.staging.StagedFile;
import br.com.rhp.hospital.staging.StagingStats;
import br.com.rhp.hospital.staging.StagingStore;
import br.com.rhp.hospital.trilha.Acao;
import br.com.rhp.hospital.trilha.Resultado;
import br.com.rhp.hospital.trilha.TrilhaDeAuditoria;
import br.com.rhp.hospital.web.Pagina;
import br.com.rhp.hospital.write.Backlog;
import br.com.rhp.hospital.write.WriteGateway;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * This node's staging area: the receipt of a staged write (for whoever submitted it) and, for
 * administrators, the backlog in figures, the lists of pending, quarantined and conflicting operations,
 * and the actions on them — inspect, retry, discard with a reason, replay now. Every answer comes from
 * this node, also while the central database is down.
 */
@RestController
@RequestMapping("/api/staging")
@Tag(name = "Staging", description = "Gravações guardadas neste nó enquanto o banco central estava indisponível")
class StagingController {

    private static final Logger log = LoggerFactory.getLogger(StagingController.class);

    private final StagingStore staging;
    private final Replayer replayer;
    private final Backlog backlog;
    private final WriteGateway gateway;
    private final DatabaseCircuit circuit;
    private final SchemaMigrations schema;
    private final TrilhaDeAuditoria trilha;

    StagingController(
            StagingStore staging,
            Replayer replayer,
            Backlog backlog,
            WriteGateway gateway,
            DatabaseCircuit circuit,
            SchemaMigrations schema,
            TrilhaDeAuditoria trilha) {
        this.staging = staging;
        this.replayer = replayer;
        this.backlog = backlog;
        this.gateway = gateway;
        this.circuit = circuit;
        this.schema = schema;
        this.trilha = trilha;
    }

    /** The state of the node's staging area and of the central database as this node sees it. */
    record Situacao(
            String no,
            String banco,
            Instant bancoDesde,
            long pendentes,
            long pendentesBytes,
            Map<String, Map<String, Long>> pendentesPorAcao,
            Instant pendenteMaisAntigo,
            long pendenteMaisAntigoSegundos,
            long quarentena,
            long conflitos,
            long espacoLivreBytes,
            long espacoMinimoBytes,
            boolean reexecucaoEmAndamento,
            ReplayResult ultimaReexecucao) {}

    @GetMapping
    @Operation(summary = "Situação do staging deste nó: pendências, quarentena, conflitos, última reexecução")
    Situacao situacao() {
        StagingStats s = staging.stats();
        return new Situacao(
                staging.nodeId(),
                circuit.isOpen() || !schema.ready() ? "INDISPONIVEL" : "DISPONIVEL",
                circuit.since(),
                s.pending(),
                s.pendingBytes(),
                s.pendingByActionAndEntity(),
                s.oldestPendingStagedAt(),
                s.oldestPendingAge().toSeconds(),
                s.quarantined(),
                s.conflicts(),
                s.usableBytes(),
                s.minFreeBytes(),
                replayer.running(),
                replayer.last());
    }

    /** Where a staged write is now. */
    record Recibo(UUID operationId, String status, String motivo, Instant em, String entity, String action) {}

    @GetMapping("/operations/{id}")
    @Operation(summary = "Recibo de uma gravação: PENDING, APPLIED, QUARANTINED, CONFLICT ou DISCARDED")
    Recibo recibo(@PathVariable UUID id) {
        OperationStatus status = staging.status(id);
        if (status.state() == OperationStatus.State.UNKNOWN) {
            // not (or no longer) known here: the ledger tells whether it reached the database
            if (!circuit.isOpen() && schema.ready() && gateway.wasApplied(id)) {
                return new Recibo(id, "APPLIED", null, null, null, null);
            }
            throw new RegistroNaoEncontrado("Operação", id);
        }
        StagedFile file = staging.find(id).map(StagedEntry::file).orElse(null);
        return new Recibo(
                id,
                status.state().name(),
                status.reason(),
                status.at(),
                file == null ? null : file.entity(),
                file == null ? null : file.action());
    }

    /** One staged operation in a list: what its file name and folder say, never its content. */
    record OperacaoListada(
            UUID operationId,
            long sequencia,
            String entity,
            String action,
            Instant stagedAt,
            long bytes,
            String motivo) {}

    @GetMapping("/operations")
    @Operation(summary = "Lista operações pendentes, em quarentena ou em conflito (sem o conteúdo)")
    Pagina<OperacaoListada> listar(
            @RequestParam(defaultValue = "pending") String area,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Area qual = area(area);
        int tamanho = Math.max(1, Math.min(size, 200));
        int pagina = Math.max(0, page);
        List<StagedFile> files = staging.files(qual);
        int from = Math.min(files.size(), pagina * tamanho);
        List<OperacaoListada> itens = files.subList(from, Math.min(files.size(), from + tamanho)).stream()
                .map(f -> new OperacaoListada(
                        f.operationId(),
                        f.sequence(),
                        f.entity(),
                        f.action(),
                        f.stagedAt(),
                        f.bytes(),
                        qual == Area.PENDING ? null : staging.reason(f).orElse(null)))
                .toList();
        return Pagina.de(new PageImpl<>(itens, PageRequest.of(pagina, tamanho), files.size()), x -> x);
    }

    /** A staged operation whole, payload included: patient data, so for administrators only, and logged. */
    record Conteudo(String area, String arquivo, String motivo, Object registro) {}

    @GetMapping("/operations/{id}/conteudo")
    @Operation(summary = "Conteúdo completo de uma operação guardada (acesso registrado)")
    Conteudo conteudo(@PathVariable UUID id, Authentication quem) {
        StagedEntry entry = staging.find(id).orElseThrow(() -> new RegistroNaoEncontrado("Operação", id));
        auditar(Acao.LER, entry, null);
        log.info("Staged operation {} inspected by {}", id, quem.getName());
        Object registro = entry instanceof StagedEntry.Readable r ? r.record() : null;
        String motivo = entry instanceof StagedEntry.Unreadable u
                ? u.reason()
                : staging.reason(entry.file()).orElse(null);
        return new Conteudo(entry.file().area().name(), entry.file().relativePath(), motivo, registro);
    }

    @PostMapping("/operations/{id}/retry")
    @Operation(
            summary = "Devolve uma operação da quarentena ou do conflito para a fila (aplicada na próxima reexecução)")
    Recibo retry(@PathVariable UUID id, Authentication quem) {
        StagedEntry entry = staging.find(id).orElseThrow(() -> new RegistroNaoEncontrado("Operação", id));
        if (entry.file().area() == Area.PENDING) {
            throw new OperacaoJaPendente();
        }
        staging.release(entry, quem.getName());
        auditar(Acao.REPROCESSAR, entry, null);
        log.info("Staged operation {} released for retry by {}", id, quem.getName());
        return recibo(id);
    }

    /** Why an operation is discarded: kept in the journal. */
    record Descarte(
            @NotBlank(message = "informe o motivo do descarte")
            @Size(max = 500, message = "o motivo tem no máximo 500 caracteres")
            String motivo) {}

    @PostMapping("/operations/{id}/discard")
    @Operation(summary = "Descarta uma operação guardada, com motivo (registrado); não será aplicada")
    Recibo discard(@PathVariable UUID id, @Valid @RequestBody Descarte descarte, Authentication quem) {
        StagedEntry entry = staging.find(id).orElseThrow(() -> new RegistroNaoEncontrado("Operação", id));
        staging.discard(entry, descarte.motivo(), quem.getName());
        backlog.remove(id);
        auditar(Acao.DESCARTAR, entry, "motivo: " + descarte.motivo());
        log.warn("Staged operation {} discarded by {}", id, quem.getName());
        return recibo(id);
    }

    @PostMapping("/replay")
    @Operation(summary = "Reexecuta agora: envia ao banco central as operações pendentes deste nó")
    ReplayResult replay() {
        return replayer.run("manual");
    }

    /**
     * Records an administrator's action on a staged operation in the audit trail — kept on this node if
     * the central database is down, and sent when it answers again.
     */
    private void auditar(Acao acao, StagedEntry entry, String detalhe) {
        UUID registro = entry instanceof StagedEntry.Readable r ? r.record().entityId() : null;
        trilha.registrarOuGuardar(trilha.evento(
                acao, entry.file().entity(), registro, entry.file().operationId(), Resultado.SUCESSO, detalhe));
    }

    private static Area area(String nome) {
        return switch (nome.toLowerCase(Locale.ROOT)) {
            case "pending", "pendentes" -> Area.PENDING;
            case "quarantine", "quarentena" -> Area.QUARANTINE;
            case "conflicts", "conflitos" -> Area.CONFLICTS;
            default ->
                throw new br.com.rhp.hospital.shared.DadosInvalidos("area", "use pending, quarantine ou conflicts");
        };
    }

    /** The operation is already in the queue. */
    static class OperacaoJaPendente extends br.com.rhp.hospital.shared.RegraViolada {
        OperacaoJaPendente() {
            super("A operação já está na fila de pendentes.");
        }
    }
}
