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

/** The discharge of an encounter: at most one per encounter (unique in the database). */
@Entity
@Table(name = "alta")
public class Alta implements EntidadeVersionada {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "alta";

    @Id
    private UUID id;

    @Column(name = "atendimento_id", nullable = false)
    private UUID atendimentoId;

    @Column(name = "ocorrido_em", nullable = false)
    private Instant ocorridoEm;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MotivoAlta motivo;

    @Column(name = "profissional_id")
    private UUID profissionalId;

    @Column(name = "cid_principal")
    private String cidPrincipal;

    @Column(name = "cnes_destino")
    private String cnesDestino;

    private String observacao;

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Alta() {}

    static Alta registrar(UUID id, AltaForm form, Instant ocorridoEm, Autoria autoria) {
        Alta a = new Alta();
        a.id = id;
        a.atendimentoId = form.atendimentoId();
        a.ocorridoEm = ocorridoEm;
        a.motivo = form.motivo();
        a.profissionalId = form.profissionalId();
        a.cidPrincipal = form.cidPrincipal();
        a.cnesDestino = form.cnesDestino();
        a.observacao = form.observacao();
        a.auditoria = Auditoria.criacao(autoria);
        return a;
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

    public Instant ocorridoEm() {
        return ocorridoEm;
    }

    public MotivoAlta motivo() {
        return motivo;
    }

    public UUID profissionalId() {
        return profissionalId;
    }

    public String cidPrincipal() {
        return cidPrincipal;
    }

    public String cnesDestino() {
        return cnesDestino;
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
