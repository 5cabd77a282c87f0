package br.com.rhp.hospital.leito;

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
import java.util.Objects;
import java.util.UUID;

/**
 * A bed and its status. The status changes only through the methods below, which guard the status
 * machine: {@link #ocupar} and {@link #desocupar} for admission, transfer and discharge; {@link
 * #mudarStatus} for everything else.
 */
@Entity
@Table(name = "leito")
public class Leito implements EntidadeVersionada {

    /** Staging partition key and operation entity name. */
    public static final String ENTIDADE = "leito";

    /** The command of a manual status change ({@code POST /api/leitos/{id}/status}). */
    public static final String MUDAR_STATUS = "mudar-status";

    @Id
    private UUID id;

    @Column(name = "unidade_id", nullable = false)
    private UUID unidadeId;

    @Column(nullable = false)
    private String codigo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TipoLeito tipo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Acomodacao acomodacao;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private StatusLeito status;

    @Column(name = "status_motivo")
    private String statusMotivo;

    @Column(name = "status_desde", nullable = false)
    private Instant statusDesde;

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Leito() {}

    /** A new bed, DISPONIVEL unless created in another status that is not OCUPADO. */
    public static Leito criar(
            UUID id,
            UUID unidadeId,
            String codigo,
            TipoLeito tipo,
            Acomodacao acomodacao,
            StatusLeito status,
            String motivo,
            Autoria autoria) {
        Leito l = new Leito();
        l.id = id;
        l.unidadeId = unidadeId;
        l.codigo = codigo;
        l.tipo = tipo;
        l.acomodacao = acomodacao;
        l.auditoria = Auditoria.criacao(autoria);
        StatusLeito inicial = status == null ? StatusLeito.DISPONIVEL : status;
        if (inicial == StatusLeito.OCUPADO) {
            throw new OcupacaoManualProibida();
        }
        exigirMotivo(inicial, motivo);
        l.status = inicial;
        l.statusMotivo = inicial.exigeMotivo() ? motivo.strip() : null;
        l.statusDesde = autoria.registradoEm();
        return l;
    }

    /** Changes the descriptive fields (code, kind, room); never the status. */
    public void alterarCadastro(String codigo, TipoLeito tipo, Acomodacao acomodacao, Autoria autoria) {
        this.codigo = codigo;
        this.tipo = tipo;
        this.acomodacao = acomodacao;
        auditoria.alteracao(autoria);
    }

    /**
     * Puts a patient in the bed (admission or transfer in).
     *
     * @throws LeitoOcupado if a patient is already in it
     * @throws LeitoIndisponivel if its status does not receive patients
     */
    public void ocupar(Instant em, Autoria autoria) {
        if (status == StatusLeito.OCUPADO) {
            throw new LeitoOcupado(codigo);
        }
        if (!status.recebePaciente()) {
            throw new LeitoIndisponivel(codigo, status);
        }
        trocar(StatusLeito.OCUPADO, null, em, autoria);
    }

    /** The patient left (discharge or transfer out): the bed goes to cleaning. */
    public void desocupar(Instant em, Autoria autoria) {
        if (status != StatusLeito.OCUPADO) {
            throw new TransicaoDeStatusInvalida("O leito " + codigo + " não está ocupado (status " + status + ").");
        }
        trocar(StatusLeito.HIGIENIZACAO, null, em, autoria);
    }

    /**
     * A status change other than occupying or freeing: cleaning done, reserved, blocked,
     * maintenance, deactivated or reactivated, as allowed by {@link StatusLeito#destinosManuais()}.
     * The reason is kept for the statuses that require one and dropped otherwise.
     *
     * @param em when the change happened (the operation's {@code registradoEm}); becomes {@code statusDesde}
     * @throws OcupacaoManualProibida for OCUPADO
     * @throws LeitoOcupado while a patient is in the bed
     * @throws StatusDoLeitoInalterado when the bed is already in {@code novo}
     * @throws TransicaoDeStatusInvalida for a change the table does not allow, or without the reason
     *     the new status requires
     */
    public void mudarStatus(StatusLeito novo, String motivo, Instant em, Autoria autoria) {
        Objects.requireNonNull(novo, "novo");
        if (novo == StatusLeito.OCUPADO) {
            throw new OcupacaoManualProibida();
        }
        if (status == StatusLeito.OCUPADO) {
            throw LeitoOcupado.semMudancaManual(codigo);
        }
        if (novo == status) {
            throw new StatusDoLeitoInalterado(codigo, status);
        }
        if (!status.destinosManuais().contains(novo)) {
            throw new TransicaoDeStatusInvalida("O leito " + codigo + " está em " + status + " e não pode passar para "
                    + novo + ". A partir de " + status + " o leito pode ir para: " + status.destinosManuais() + ".");
        }
        exigirMotivo(novo, motivo);
        trocar(novo, novo.exigeMotivo() ? motivo.strip() : null, em, autoria);
    }

    private static void exigirMotivo(StatusLeito novo, String motivo) {
        if (novo.exigeMotivo() && (motivo == null || motivo.isBlank())) {
            throw new TransicaoDeStatusInvalida("Informe o motivo para colocar o leito em " + novo + ".");
        }
    }

    private void trocar(StatusLeito novo, String motivo, Instant em, Autoria autoria) {
        this.status = novo;
        this.statusMotivo = motivo;
        this.statusDesde = em;
        auditoria.alteracao(autoria);
    }

    public UUID id() {
        return id;
    }

    @Override
    public boolean isNew() {
        return versao == null;
    }

    public UUID unidadeId() {
        return unidadeId;
    }

    public String codigo() {
        return codigo;
    }

    public TipoLeito tipo() {
        return tipo;
    }

    public Acomodacao acomodacao() {
        return acomodacao;
    }

    public StatusLeito status() {
        return status;
    }

    public String statusMotivo() {
        return statusMotivo;
    }

    public Instant statusDesde() {
        return statusDesde;
    }

    public long versao() {
        return versao == null ? 0 : versao;
    }

    public Auditoria auditoria() {
        return auditoria;
    }
}
