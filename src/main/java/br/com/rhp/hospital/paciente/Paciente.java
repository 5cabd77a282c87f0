package br.com.rhp.hospital.paciente;

import br.com.rhp.hospital.shared.Auditoria;
import br.com.rhp.hospital.shared.Autoria;
import br.com.rhp.hospital.shared.DadosInvalidos;
import br.com.rhp.hospital.shared.EntidadeVersionada;
import br.com.rhp.hospital.shared.TextoDeBusca;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient. Never deleted: a wrong record is voided with a reason, and a voided record is frozen.
 *
 * <p>Always identified by a CPF, a CNS, or flagged as unidentified with a justification; only an
 * unidentified patient may lack a name and a birth date.
 */
@Entity
@Table(name = "paciente")
public class Paciente implements EntidadeVersionada {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "paciente";

    @Id
    private UUID id;

    private String nome;

    /** The name folded for search: lower case, without accents. */
    @Column(name = "nome_busca")
    private String nomeBusca;

    @Column(name = "nome_social")
    private String nomeSocial;

    private String cpf;

    private String cns;

    @Column(name = "nao_identificado", nullable = false)
    private boolean naoIdentificado;

    private String justificativa;

    @Column(name = "data_nascimento")
    private LocalDate dataNascimento;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Sexo sexo;

    @Column(name = "nome_mae")
    private String nomeMae;

    @Enumerated(EnumType.STRING)
    @Column(name = "raca_cor")
    private RacaCor racaCor;

    private String logradouro;
    private String numero;
    private String complemento;
    private String bairro;
    private String municipio;
    private String uf;
    private String cep;
    private String telefone;

    @Column(nullable = false)
    private boolean anulado;

    @Column(name = "motivo_anulacao")
    private String motivoAnulacao;

    @Column(name = "anulado_em")
    private Instant anuladoEm;

    @Column(name = "anulado_por")
    private String anuladoPor;

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Paciente() {}

    static Paciente criar(UUID id, PacienteForm form, Autoria autoria) {
        Paciente p = new Paciente();
        p.id = id;
        p.preencher(form);
        p.auditoria = Auditoria.criacao(autoria);
        return p;
    }

    /**
     * @throws PacienteAnulado if the record was voided
     */
    void alterar(PacienteForm form, Autoria autoria) {
        exigirNaoAnulado();
        preencher(form);
        auditoria.alteracao(autoria);
    }

    /**
     * Voids the record: it stays, frozen, with the reason, the moment the user submitted the voiding and
     * who did; its CPF and CNS become free for a correct registration.
     *
     * @throws PacienteAnulado if the record was already voided
     */
    void anular(String motivo, Autoria autoria) {
        exigirNaoAnulado();
        if (motivo == null || motivo.isBlank()) {
            throw new DadosInvalidos("motivo", "informe o motivo da anulação");
        }
        this.anulado = true;
        this.motivoAnulacao = motivo.strip();
        this.anuladoEm = autoria.registradoEm();
        this.anuladoPor = autoria.usuario();
        auditoria.alteracao(autoria);
    }

    private void exigirNaoAnulado() {
        if (anulado) {
            throw new PacienteAnulado();
        }
    }

    private void preencher(PacienteForm form) {
        // the form checks this too; the entity guards it again for operations replayed from staging,
        // whose payload is read back from JSON without Bean Validation
        boolean justificado = form.naoIdentificado() && form.justificativa() != null;
        if (form.cpf() == null && form.cns() == null && !justificado) {
            throw new PacienteSemIdentificacao();
        }
        if (!form.naoIdentificado() && (form.nome() == null || form.dataNascimento() == null)) {
            throw new PacienteSemIdentificacao();
        }
        this.nome = form.nome();
        this.nomeBusca = TextoDeBusca.dobrar(form.nome());
        this.nomeSocial = form.nomeSocial();
        this.cpf = form.cpf();
        this.cns = form.cns();
        this.naoIdentificado = form.naoIdentificado();
        this.justificativa = form.justificativa();
        this.dataNascimento = form.dataNascimento();
        this.sexo = form.sexo();
        this.nomeMae = form.nomeMae();
        this.racaCor = form.racaCor();
        this.logradouro = form.logradouro();
        this.numero = form.numero();
        this.complemento = form.complemento();
        this.bairro = form.bairro();
        this.municipio = form.municipio();
        this.uf = form.uf();
        this.cep = form.cep();
        this.telefone = form.telefone();
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

    public String nomeSocial() {
        return nomeSocial;
    }

    public String cpf() {
        return cpf;
    }

    public String cns() {
        return cns;
    }

    public boolean naoIdentificado() {
        return naoIdentificado;
    }

    public String justificativa() {
        return justificativa;
    }

    public LocalDate dataNascimento() {
        return dataNascimento;
    }

    public Sexo sexo() {
        return sexo;
    }

    public String nomeMae() {
        return nomeMae;
    }

    public RacaCor racaCor() {
        return racaCor;
    }

    public String logradouro() {
        return logradouro;
    }

    public String numero() {
        return numero;
    }

    public String complemento() {
        return complemento;
    }

    public String bairro() {
        return bairro;
    }

    public String municipio() {
        return municipio;
    }

    public String uf() {
        return uf;
    }

    public String cep() {
        return cep;
    }

    public String telefone() {
        return telefone;
    }

    public boolean anulado() {
        return anulado;
    }

    public String motivoAnulacao() {
        return motivoAnulacao;
    }

    public Instant anuladoEm() {
        return anuladoEm;
    }

    public String anuladoPor() {
        return anuladoPor;
    }

    public long versao() {
        return versao == null ? 0 : versao;
    }

    public Auditoria auditoria() {
        return auditoria;
    }
}
