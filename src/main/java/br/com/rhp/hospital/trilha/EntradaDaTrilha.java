package br.com.rhp.hospital.trilha;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * A row of the audit trail. Written unsealed ({@code posicao}, {@code hashAnterior} and {@code hash} null) by
 * the transaction whose action it records; sealed once, later, by {@link Selador}, which sets those three
 * columns. Nothing else in the service changes or deletes a row.
 */
@Entity
@Table(name = "trilha_auditoria")
class EntradaDaTrilha implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String cadeia;

    /** Null until sealed. */
    private Long posicao;

    @Column(name = "ocorrido_em", nullable = false)
    private Instant ocorridoEm;

    @Column(name = "gravado_em", nullable = false)
    private Instant gravadoEm;

    @Column(nullable = false)
    private String usuario;

    @Column(name = "no_origem", nullable = false)
    private String noOrigem;

    private String endereco;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Acao acao;

    private String comando;

    private String entidade;

    @Column(name = "registro_id")
    private UUID registroId;

    @Column(name = "operation_id")
    private UUID operationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Resultado resultado;

    private String detalhe;

    /** Null until sealed. */
    @Column(name = "hash_anterior")
    private String hashAnterior;

    /** Null until sealed. */
    private String hash;

    protected EntradaDaTrilha() {}

    /** An unsealed entry of {@code cadeia}: {@link Selador} gives it its position and hashes later. */
    EntradaDaTrilha(UUID id, String cadeia, Instant gravadoEm, EventoDeAuditoria evento) {
        this.id = id;
        this.cadeia = cadeia;
        this.ocorridoEm = evento.ocorridoEm();
        this.gravadoEm = gravadoEm;
        this.usuario = evento.usuario();
        this.noOrigem = evento.noOrigem();
        this.endereco = evento.endereco();
        this.acao = evento.acao();
        this.comando = evento.comando();
        this.entidade = evento.entidade();
        this.registroId = evento.registroId();
        this.operationId = evento.operationId();
        this.resultado = evento.resultado();
        this.detalhe = evento.detalhe();
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** Always new: the trail is insert-only, so save() must never merge. */
    @Override
    public boolean isNew() {
        return true;
    }

    UUID id() {
        return id;
    }

    String cadeia() {
        return cadeia;
    }

    /** The position in its chain; {@code null} until sealed. */
    Long posicao() {
        return posicao;
    }

    Instant ocorridoEm() {
        return ocorridoEm;
    }

    Instant gravadoEm() {
        return gravadoEm;
    }

    String usuario() {
        return usuario;
    }

    String noOrigem() {
        return noOrigem;
    }

    String endereco() {
        return endereco;
    }

    Acao acao() {
        return acao;
    }

    String comando() {
        return comando;
    }

    String entidade() {
        return entidade;
    }

    UUID registroId() {
        return registroId;
    }

    UUID operationId() {
        return operationId;
    }

    Resultado resultado() {
        return resultado;
    }

    String detalhe() {
        return detalhe;
    }

    /** {@code null} until sealed. */
    String hashAnterior() {
        return hashAnterior;
    }

    /** {@code null} until sealed. */
    String hash() {
        return hash;
    }
}
