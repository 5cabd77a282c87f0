package br.com.rhp.hospital.atendimento;

import br.com.rhp.hospital.shared.Auditoria;
import br.com.rhp.hospital.shared.Autoria;
import br.com.rhp.hospital.shared.EntidadeVersionada;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A period during which a stay occupied a bed. Open while {@code fim} is null; the database allows one
 * open occupancy per bed and one per stay.
 */
@Entity
@Table(name = "ocupacao")
public class Ocupacao implements EntidadeVersionada {

    @Id
    private UUID id;

    @Column(name = "atendimento_id", nullable = false)
    private UUID atendimentoId;

    @Column(name = "leito_id", nullable = false)
    private UUID leitoId;

    @Column(nullable = false)
    private Instant inicio;

    private Instant fim;

    @Version
    /** Null until persisted: with a node-made id, that is how a save knows to insert without a SELECT. */
    private Long versao;

    @Embedded
    private Auditoria auditoria;

    protected Ocupacao() {}

    static Ocupacao abrir(UUID id, UUID atendimentoId, UUID leitoId, Instant inicio, Autoria autoria) {
        Ocupacao o = new Ocupacao();
        o.id = id;
        o.atendimentoId = atendimentoId;
        o.leitoId = leitoId;
        o.inicio = inicio;
        o.auditoria = Auditoria.criacao(autoria);
        return o;
    }

    /**
     * Closes the period at {@code em}.
     *
     * @throws EventoAntesDaOcupacao if {@code em} is before the period began
     */
    void encerrar(Instant em, Autoria autoria) {
        if (em.isBefore(inicio)) {
            throw new EventoAntesDaOcupacao(inicio);
        }
        this.fim = em;
        auditoria.alteracao(autoria);
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

    public UUID leitoId() {
        return leitoId;
    }

    public Instant inicio() {
        return inicio;
    }

    public Instant fim() {
        return fim;
    }

    public boolean aberta() {
        return fim == null;
    }
}
