package br.com.rhp.hospital.profissional;

import br.com.rhp.hospital.shared.Auditoria;
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

/** A health professional. Deactivated, never deleted. */
@Entity
@Table(name = "profissional")
public class Profissional {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "profissional";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String nome;

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

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "profissional_unidade", joinColumns = @JoinColumn(name = "profissional_id"))
    @Column(name = "unidade_id")
    private Set<UUID> unidades = new LinkedHashSet<>();

    @Version
    private long versao;

    @Embedded
    private Auditoria auditoria;

    protected Profissional() {}

    public UUID id() {
        return id;
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
        return versao;
    }

    public Auditoria auditoria() {
        return auditoria;
    }
}
