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

/** An encounter of a patient with the hospital; an INTERNACAO is a stay in beds. */
@Entity
@Table(name = "atendimento")
public class Atendimento implements EntidadeVersionada {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "atendimento";

    @Id
    private UUID id;

    @Column(name = "paciente_id", nullable = false)
    private UUID pacienteId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TipoAtendimento tipo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Carater carater;

    @Enumerated(EnumType.STRING)
    private Procedencia procedencia;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private StatusAtendimento status;

    @Column(nullable = false)
    private Instant inicio;

    private Instant fim;

    @Column(name = "unidade_id", nullable = false)
    private UUID unidadeId;

    @Column(name = "profissional_responsavel_id")
    private UUID profissionalResponsavelId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Financiamento financiamento;

    @Column(name = "operadora_codigo")
    private String operadoraCodigo;

    @Column(name = "carteirinha_numero")
    private String carteirinhaNumero;

    @Column(name = "cid_principal")
    private String cidPrincipal;

    @Column(name = "motivo_cancelamento")
    private String motivoCancelamento;

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Atendimento() {}

    static Atendimento abrir(UUID id, AtendimentoForm form, UUID unidadeId, Instant inicio, Autoria autoria) {
        Atendimento a = new Atendimento();
        a.id = id;
        a.pacienteId = form.pacienteId();
        a.tipo = form.tipo();
        a.carater = form.carater();
        a.procedencia = form.procedencia();
        a.status = StatusAtendimento.EM_ANDAMENTO;
        a.inicio = inicio;
        a.unidadeId = unidadeId;
        a.profissionalResponsavelId = form.profissionalResponsavelId();
        a.financiamento = form.financiamento();
        a.operadoraCodigo = form.operadoraCodigo();
        a.carteirinhaNumero = form.carteirinhaNumero();
        a.cidPrincipal = form.cidPrincipal();
        a.auditoria = Auditoria.criacao(autoria);
        return a;
    }

    /** @throws AtendimentoEncerrado unless the encounter is ongoing */
    void exigirEmAndamento() {
        if (status != StatusAtendimento.EM_ANDAMENTO) {
            throw new AtendimentoEncerrado(status);
        }
    }

    /** The discharge: the encounter ends at {@code em}, with its main diagnosis when given. */
    void finalizar(Instant em, String cid, Autoria autoria) {
        exigirEmAndamento();
        if (em.isBefore(inicio)) {
            throw new EventoAntesDaOcupacao(inicio);
        }
        this.status = StatusAtendimento.FINALIZADO;
        this.fim = em;
        if (cid != null) {
            this.cidPrincipal = cid;
        }
        auditoria.alteracao(autoria);
    }

    /** A wrongly registered encounter is cancelled with a reason, never deleted. */
    void cancelar(String motivo, Instant em, Autoria autoria) {
        exigirEmAndamento();
        this.status = StatusAtendimento.CANCELADO;
        this.motivoCancelamento = motivo;
        this.fim = em.isBefore(inicio) ? inicio : em;
        auditoria.alteracao(autoria);
    }

    public UUID id() {
        return id;
    }

    @Override
    public boolean isNew() {
        return versao == null;
    }

    public UUID pacienteId() {
        return pacienteId;
    }

    public TipoAtendimento tipo() {
        return tipo;
    }

    public Carater carater() {
        return carater;
    }

    public Procedencia procedencia() {
        return procedencia;
    }

    public StatusAtendimento status() {
        return status;
    }

    public Instant inicio() {
        return inicio;
    }

    public Instant fim() {
        return fim;
    }

    public UUID unidadeId() {
        return unidadeId;
    }

    public UUID profissionalResponsavelId() {
        return profissionalResponsavelId;
    }

    public Financiamento financiamento() {
        return financiamento;
    }

    public String operadoraCodigo() {
        return operadoraCodigo;
    }

    public String carteirinhaNumero() {
        return carteirinhaNumero;
    }

    public String cidPrincipal() {
        return cidPrincipal;
    }

    public String motivoCancelamento() {
        return motivoCancelamento;
    }

    public long versao() {
        return versao == null ? 0 : versao;
    }

    public Auditoria auditoria() {
        return auditoria;
    }
}
