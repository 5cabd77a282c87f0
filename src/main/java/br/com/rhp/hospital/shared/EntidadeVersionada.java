package br.com.rhp.hospital.shared;

import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An entity with a node-made id and a {@code @Version} that stays null until its first insert: it answers
 * Spring Data's {@code save} — insert or merge? — from that version itself.
 *
 * <p>Without it Spring Data reads the version through a bean wrapper that looks for a {@code getVersao()}
 * getter first, fails with an exception whose stack trace is filled every time, and then reads the field:
 * an exception per saved record, about 3% of the replay's CPU (docs/BENCHMARKS.md). {@code
 * ArchitectureTests} requires it of every versioned entity.
 */
public interface EntidadeVersionada extends Persistable<UUID> {

    UUID id();

    @Override
    default UUID getId() {
        return id();
    }

    /** Never inserted yet: the version is null until the first insert sets it. */
    @Override
    boolean isNew();
}
