package dev.switchyard.reactor.table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who makes a write and when, recorded on the item as {@code UpdatedBy} and {@code UpdatedAt} (SPEC §1),
 * so the audit trail can name the actor of every change.
 */
public record Stamp(String actor, Instant at) {
    public Stamp {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a write needs an actor (UpdatedBy)");
        }
        actor = actor.strip();
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.SECONDS);
    }
}
