package br.com.rhp.hospital.trilha;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of one chain: its last position and hash. The transaction that appends to a chain locks this
 * row first (SELECT … FOR UPDATE on PostgreSQL; SQLite has one writer at a time), so two writers never
 * take the same position or link to the same predecessor.
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

    void avancar(EntradaDaTrilha ultima) {
        this.posicao = ultima.posicao();
        this.hash = ultima.hash();
    }
}
