package br.com.rhp.hospital.trilha;

import br.com.rhp.hospital.shared.DadosInvalidos;
import br.com.rhp.hospital.web.Pagina;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for administrators and auditors: the entries, filtered, and the check of the chains. */
@RestController
@RequestMapping("/api/auditoria")
@Tag(
        name = "Auditoria",
        description = "Trilha de auditoria: quem criou, leu, alterou ou anulou o quê, quando e de onde")
class TrilhaController {

    /** Newest first; within one millisecond, by id (UUIDv7: the order they were written in). */
    private static final Sort ORDEM =
            Sort.by(Sort.Order.desc("ocorridoEm"), Sort.Order.desc("gravadoEm"), Sort.Order.desc("id"));

    private final EntradaRepository entradas;
    private final VerificacaoDaTrilha verificacao;
    private final TrilhaDeAuditoria trilha;

    TrilhaController(EntradaRepository entradas, VerificacaoDaTrilha verificacao, TrilhaDeAuditoria trilha) {
        this.entradas = entradas;
        this.verificacao = verificacao;
        this.trilha = trilha;
    }

    /** The trail's own entity name: a query of the trail is itself recorded (who watched whom). */
    static final String ENTIDADE = "trilha_auditoria";

    private static final String NAO_SELADA = "; null enquanto a entrada não foi selada (encadeada): o selador de"
            + " algum nó a sela pouco depois da gravação (AUDIT_SEAL_INTERVAL, 1 s por padrão), e até lá ela ainda"
            + " não está protegida pela cadeia de hashes";

    /**
     * One entry of the trail, as stored: {@code posicao}, {@code hashAnterior} and {@code hash} are null
     * while it is unsealed.
     */
    @Schema(
            description = "Uma entrada da trilha. Entradas recém-gravadas aparecem antes de seladas, com posicao,"
                    + " hash_anterior e hash nulos")
    record EntradaView(
            UUID id,
            String cadeia,

            @Schema(description = "posição da entrada na cadeia do nó (1, 2, 3…)" + NAO_SELADA, nullable = true)
            Long posicao,

            Instant ocorridoEm,
            Instant gravadoEm,
            String usuario,
            String noOrigem,
            String endereco,
            Acao acao,
            String comando,
            String entidade,
            UUID registroId,
            UUID operationId,
            Resultado resultado,
            String detalhe,

            // the explicit name lets the OpenAPI generator find this description (SNAKE_CASE renames it)
            @JsonProperty("hash_anterior")
            @Schema(
                    description = "SHA-256 da entrada anterior da cadeia (64 zeros na primeira)" + NAO_SELADA,
                    nullable = true)
            String hashAnterior,

            @Schema(description = "SHA-256 do conteúdo canônico da entrada (trilha-v1)" + NAO_SELADA, nullable = true)
            String hash) {

        static EntradaView de(EntradaDaTrilha e) {
            return new EntradaView(
                    e.id(),
                    e.cadeia(),
                    e.posicao(),
                    e.ocorridoEm(),
                    e.gravadoEm(),
                    e.usuario(),
                    e.noOrigem(),
                    e.endereco(),
                    e.acao(),
                    e.comando(),
                    e.entidade(),
                    e.registroId(),
                    e.operationId(),
                    e.resultado(),
                    e.detalhe(),
                    e.hashAnterior(),
                    e.hash());
        }
    }

    @GetMapping
    @Operation(
            summary = "Lista a trilha de auditoria por página, mais recentes primeiro, filtrando por usuário,"
                    + " entidade, registro, operação, ação e período (de/ate, ISO-8601 UTC)",
            description = "Inclui as entradas ainda não seladas: posicao, hash_anterior e hash vêm nulos até o"
                    + " selador encadeá-las (em geral em até AUDIT_SEAL_INTERVAL, 1 s por padrão, após a gravação).")
    Pagina<EntradaView> listar(
            @RequestParam(required = false) String usuario,
            @RequestParam(required = false) String entidade,
            @RequestParam(name = "registro_id", required = false) UUID registroId,
            @RequestParam(name = "operation_id", required = false) UUID operationId,
            @RequestParam(required = false) String acao,
            @RequestParam(required = false) Instant de,
            @RequestParam(required = false) Instant ate,
            Pageable pagina) {
        Specification<EntradaDaTrilha> filtro = (root, query, cb) -> cb.conjunction();
        if (usuario != null && !usuario.isBlank()) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("usuario"), usuario.strip()));
        }
        if (entidade != null && !entidade.isBlank()) {
            String e = entidade.strip().toLowerCase(Locale.ROOT);
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("entidade"), e));
        }
        if (registroId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("registroId"), registroId));
        }
        if (operationId != null) {
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("operationId"), operationId));
        }
        if (acao != null && !acao.isBlank()) {
            Acao a = acao(acao);
            filtro = filtro.and((root, query, cb) -> cb.equal(root.get("acao"), a));
        }
        if (de != null && ate != null && de.isAfter(ate)) {
            throw new DadosInvalidos("de", "o início do período deve ser anterior ao fim (ate)");
        }
        if (de != null) {
            filtro = filtro.and((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("ocorridoEm"), de));
        }
        if (ate != null) {
            filtro = filtro.and((root, query, cb) -> cb.lessThanOrEqualTo(root.get("ocorridoEm"), ate));
        }
        Pageable ordenada = PageRequest.of(pagina.getPageNumber(), pagina.getPageSize(), ORDEM);
        Pagina<EntradaView> resultado = Pagina.de(entradas.findAll(filtro, ordenada), EntradaView::de);
        // the filters in the note, not as the entry's record: a record's own history stays its own
        trilha.registrarLeitura(
                ENTIDADE,
                null,
                "consulta à trilha: usuario=" + usuario + ", entidade=" + entidade + ", registro_id=" + registroId
                        + ", operation_id=" + operationId + ", acao=" + acao + ", de=" + de + ", ate=" + ate);
        return resultado;
    }

    @GetMapping("/verificacao")
    @Operation(
            summary = "Recalcula as cadeias de hashes da trilha e informa, por cadeia (nó), a primeira entrada"
                    + " adulterada, removida ou inserida",
            description = "Sela antes o que já foi gravado; nao_seladas conta, por cadeia, as entradas gravadas"
                    + " durante a verificação (ainda não cobertas por ela; não é uma quebra).")
    VerificacaoDaTrilha.Verificacao verificar() {
        return verificacao.verificar();
    }

    private static Acao acao(String nome) {
        try {
            return Acao.valueOf(nome.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DadosInvalidos(
                    "acao", "ação desconhecida: use uma de " + java.util.Arrays.toString(Acao.values()));
        }
    }
}
