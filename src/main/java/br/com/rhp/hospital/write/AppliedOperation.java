package br.com.rhp.hospital.write;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** A row of the ledger: proof that an operation took effect, committed with its change. */
@Entity
@Table(name = "applied_operations")
class AppliedOperation implements Persistable<UUID> {

    @Id
    @Column(name = "operation_id")
    private UUID operationId;

    @Column(name = "entity", nullable = false)
    private String entity;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "entity_id", nullable = false)
    private UUID entityId;

    @Column(name = "node_id", nullable = false)
    private String nodeId;

    @Column(name = "registrado_em", nullable = false)
    private Instant registradoEm;

    @Column(name = "applied_at", nullable = false)
    private Instant appliedAt;

    protected AppliedOperation() {}

    AppliedOperation(Operation operation, Instant appliedAt) {
        this.operationId = operation.operationId();
        this.entity = operation.entity();
        this.action = operation.action().key();
        this.entityId = operation.entityId();
        this.nodeId = operation.nodeId();
        this.registradoEm = operation.registradoEm();
        this.appliedAt = appliedAt;
    }

    @Override
    public UUID getId() {
        return operationId;
    }

    UUID entityId() {
        return entityId;
    }

    /** Whether {@code operation} is the write this row records (the same entity, action and record). */
    boolean recordsSameWriteAs(Operation operation) {
        return entity.equals(operation.entity())
                && action.equals(operation.action().key())
                && entityId.equals(operation.entityId());
    }

    /** Always new: the ledger is insert-only, so save() must never merge. */
    @Override
    public boolean isNew() {
        return true;
    }
}
