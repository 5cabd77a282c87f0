package br.com.rhp.hospital.unidade;

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
import java.util.UUID;

/** A place of care. Deactivated, never deleted. */
@Entity
@Table(name = "unidade")
public class Unidade implements EntidadeVersionada {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "unidade";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String codigo;

    @Column(nullable = false)
    private String nome;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TipoUnidade tipo;

    @Column(name = "unidade_pai_id")
    private UUID unidadePaiId;

    private String cnes;

    @Column(name = "aceita_internacao", nullable = false)
    private boolean aceitaInternacao;

    @Column(nullable = false)
    private boolean ativo;

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Unidade() {}

    static Unidade criar(UUID id, UnidadeForm form, Autoria autoria) {
        Unidade u = new Unidade();
        u.id = id;
        u.preencher(form);
        u.auditoria = Auditoria.criacao(autoria);
        return u;
    }

    void alterar(UnidadeForm form, Autoria autoria) {
        preencher(form);
        auditoria.alteracao(autoria);
    }

    private void preencher(UnidadeForm form) {
        this.codigo = form.codigo();
        this.nome = form.nome();
        this.tipo = form.tipo();
        this.unidadePaiId = form.unidadePaiId();
        this.cnes = form.cnes();
        this.aceitaInternacao = form.aceitaInternacao();
        this.ativo = form.ativo();
    }

    public UUID id() {
        return id;
    }

    @Override
    public boolean isNew() {
        return versao == null;
    }

    public String codigo() {
        return codigo;
    }

    public String nome() {
        return nome;
    }

    public TipoUnidade tipo() {
        return tipo;
    }

    public UUID unidadePaiId() {
        return unidadePaiId;
    }

    public String cnes() {
        return cnes;
    }

    public boolean aceitaInternacao() {
        return aceitaInternacao;
    }

    public boolean ativo() {
        return ativo;
    }

    public long versao() {
        return versao == null ? 0 : versao;
    }

    public Auditoria auditoria() {
        return auditoria;
    }
}
