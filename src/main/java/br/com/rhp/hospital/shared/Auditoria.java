package br.com.rhp.hospital.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * Who wrote a row, from which node, and the times of the write (DOMAIN.md, principles 4 and 5).
 *
 * <p>{@code criadoEm} is the node's clock when the user submitted the form ({@code registrado_em}),
 * which with store-and-forward may be hours before {@code recebidoEm}, the moment the central database
 * received it.
 */
@Embeddable
public class Auditoria {

    @Column(name = "criado_em", nullable = false, updatable = false)
    private Instant criadoEm;

    @Column(name = "criado_por", nullable = false, updatable = false)
    private String criadoPor;

    @Column(name = "no_origem", nullable = false, updatable = false)
    private String noOrigem;

    @Column(name = "recebido_em", nullable = false, updatable = false)
    private Instant recebidoEm;

    @Column(name = "atualizado_em")
    private Instant atualizadoEm;

    @Column(name = "atualizado_por")
    private String atualizadoPor;

    protected Auditoria() {}

    private Auditoria(Instant criadoEm, String criadoPor, String noOrigem, Instant recebidoEm) {
        this.criadoEm = criadoEm;
        this.criadoPor = criadoPor;
        this.noOrigem = noOrigem;
        this.recebidoEm = recebidoEm;
    }

    public static Auditoria criacao(Autoria autoria) {
        return new Auditoria(autoria.registradoEm(), autoria.usuario(), autoria.no(), autoria.recebidoEm());
    }

    public void alteracao(Autoria autoria) {
        this.atualizadoEm = autoria.registradoEm();
        this.atualizadoPor = autoria.usuario();
    }

    public Instant criadoEm() {
        return criadoEm;
    }

    public String criadoPor() {
        return criadoPor;
    }

    public String noOrigem() {
        return noOrigem;
    }

    public Instant recebidoEm() {
        return recebidoEm;
    }

    public Instant atualizadoEm() {
        return atualizadoEm;
    }

    public String atualizadoPor() {
        return atualizadoPor;
    }
}
