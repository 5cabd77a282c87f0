package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.Auditoria;
import br.com.rhp.hospital.shared.Autoria;
import br.com.rhp.hospital.shared.EntidadeVersionada;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The record of an internal bed move of a stay. Immutable once written. */
@Entity
@Table(name = "transferencia")
public class Transferencia implements EntidadeVersionada {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "transferencia";

    @Id
    private UUID id;

    @Column(name = "atendimento_id", nullable = false)
    private UUID atendimentoId;

    @Column(name = "leito_origem_id", nullable = false)
    private UUID leitoOrigemId;

    @Column(name = "leito_destino_id", nullable = false)
    private UUID leitoDestinoId;

    @Column(name = "ocorrido_em", nullable = false)
    private Instant ocorridoEm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MotivoTransferencia motivo;

    @Column(name = "profissional_id")
    private UUID profissionalId;

    private String observacao;

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Transferencia() {}

    static Transferencia registrar(UUID id, TransferenciaForm form, Instant ocorridoEm, Autoria autoria) {
        Transferencia t = new Transferencia();
        t.id = id;
        t.atendimentoId = form.atendimentoId();
        t.leitoOrigemId = form.leitoOrigemId();
        t.leitoDestinoId = form.leitoDestinoId();
        t.ocorridoEm = ocorridoEm;
        t.motivo = form.motivo();
        t.profissionalId = form.profissionalId();
        t.observacao = form.observacao();
        t.auditoria = Auditoria.criacao(autoria);
        return t;
    }

    public UUID id() {
        return id;
    }

    @Override
    public boolean isNew() {
        return versao == null;
    }

    public UUID atendimentoId() {
        return atendimentoId;
    }

    public UUID leitoOrigemId() {
        return leitoOrigemId;
    }

    public UUID leitoDestinoId() {
        return leitoDestinoId;
    }

    public Instant ocorridoEm() {
        return ocorridoEm;
    }

    public MotivoTransferencia motivo() {
        return motivo;
    }

    public UUID profissionalId() {
        return profissionalId;
    }

    public String observacao() {
        return observacao;
    }

    public long versao() {
        return versao == null ? 0 : versao;
    }

    public Auditoria auditoria() {
        return auditoria;
    }
}
