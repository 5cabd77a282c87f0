package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.Auditoria;
import br.com.rhp.hospital.shared.Autoria;
import br.com.rhp.hospital.shared.EntidadeVersionada;
import br.com.rhp.hospital.shared.TextoDeBusca;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.OptimisticLock;

/**
 * A health professional. Deactivated, never deleted.
 *
 * <p>Registered in a council ({@code conselho}, {@code conselho_uf}, {@code conselho_numero}) unless the
 * profession has none ({@link Conselho#NENHUM}), in which case there is no registration at all.
 */
@Entity
@Table(name = "profissional")
public class Profissional implements EntidadeVersionada {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "profissional";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String nome;

    /** The name folded for search: lower case, without accents. */
    @Column(name = "nome_busca")
    private String nomeBusca;

    @Column(nullable = false)
    private String cpf;

    private String cns;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Conselho conselho;

    @Column(name = "conselho_uf")
    private String conselhoUf;

    @Column(name = "conselho_numero")
    private String conselhoNumero;

    private String cbo;

    @Column(nullable = false)
    private boolean ativo;

    // Hibernate would otherwise count the first flush of a new set as a second version of a record just
    // created (ETag "1" for a POST). Excluding it is safe: every change goes through alterar(), which
    // also changes the audit columns, so the row's version still moves and is still checked.
    @OptimisticLock(excluded = true)
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "profissional_unidade", joinColumns = @JoinColumn(name = "profissional_id"))
    @Column(name = "unidade_id")
    private Set<UUID> unidades = new LinkedHashSet<>();

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Profissional() {}

    static Profissional criar(UUID id, ProfissionalForm form, Autoria autoria) {
        Profissional p = new Profissional();
        p.id = id;
        p.preencher(form);
        p.auditoria = Auditoria.criacao(autoria);
        return p;
    }

    /** Changes the registration; {@code ativo = false} in the form deactivates the professional. */
    void alterar(ProfissionalForm form, Autoria autoria) {
        preencher(form);
        auditoria.alteracao(autoria);
    }

    private void preencher(ProfissionalForm form) {
        // the form checks this too; the entity guards it again for operations replayed from staging,
        // whose payload is read back from JSON without Bean Validation
        boolean registrado = form.conselhoUf() != null && form.conselhoNumero() != null;
        boolean semRegistro = form.conselhoUf() == null && form.conselhoNumero() == null;
        if (form.conselho() == Conselho.NENHUM ? !semRegistro : !registrado) {
            throw new RegistroNoConselhoInvalido(form.conselho());
        }
        this.nome = form.nome();
        this.nomeBusca = TextoDeBusca.dobrar(form.nome());
        this.cpf = form.cpf();
        this.cns = form.cns();
        this.conselho = form.conselho();
        this.conselhoUf = form.conselhoUf();
        this.conselhoNumero = form.conselhoNumero();
        this.cbo = form.cbo();
        this.ativo = form.ativo();
        this.unidades.clear();
        this.unidades.addAll(form.unidades());
    }

    public UUID id() {
        return id;
    }

    @Override
    public boolean isNew() {
        return versao == null;
    }

    public String nome() {
        return nome;
    }

    public String cpf() {
        return cpf;
    }

    public String cns() {
        return cns;
    }

    public Conselho conselho() {
        return conselho;
    }

    public String conselhoUf() {
        return conselhoUf;
    }

    public String conselhoNumero() {
        return conselhoNumero;
    }

    public String cbo() {
        return cbo;
    }

    public boolean ativo() {
        return ativo;
    }

    public Set<UUID> unidades() {
        return Set.copyOf(unidades);
    }

    public long versao() {
        return versao == null ? 0 : versao;
    }

    public Auditoria auditoria() {
        return auditoria;
    }
}
