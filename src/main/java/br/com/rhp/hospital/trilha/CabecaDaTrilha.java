package br.com.rhp.hospital.trilha;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of one chain: its last sealed position and hash. The sealer's transaction locks this row first
 * (SELECT … FOR UPDATE on PostgreSQL; SQLite has one writer at a time), so two sealers — of this node or of
 * any other — never give the same position twice or link two entries to the same predecessor. Writers do
 * not touch it.
 */
@Entity
@Table(name = "trilha_auditoria_cabeca")
class CabecaDaTrilha {

    @Id
    private String cadeia;

    @Column(nullable = false)
    private long posicao;

    @Column(nullable = false)
    private String hash;

    protected CabecaDaTrilha() {}

    String cadeia() {
        return cadeia;
    }

    long posicao() {
        return posicao;
    }

    String hash() {
        return hash;
    }

    /** Moves the head to the entry just sealed at {@code posicao} with {@code hash}. */
    void avancar(long posicao, String hash) {
        if (posicao <= this.posicao) {
            throw new IllegalStateException("a chain's head only moves forward");
        }
        this.posicao = posicao;
        this.hash = hash;
    }
}
