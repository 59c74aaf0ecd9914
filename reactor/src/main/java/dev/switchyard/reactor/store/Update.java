package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes one write makes to one item, as a DynamoDB {@code UpdateExpression} states them. The rules
 * DynamoDB enforces are enforced here too, so a mistake shows up in every store alike: no two actions on
 * overlapping paths, {@code ADD} and {@code DELETE} only on top-level attributes.
 *
 * @param actions applied together; their order does not matter
 */
public record Update(List<Action> actions) {
    public Update {
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("an update changes at least one attribute");
        }
        for (int i = 0; i < actions.size(); i++) {
            for (int j = i + 1; j < actions.size(); j++) {
                if (actions.get(i).path().overlaps(actions.get(j).path())) {
                    throw new IllegalArgumentException("two actions of one update overlap: "
                            + actions.get(i).path() + " and " + actions.get(j).path());
                }
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One change. */
    public sealed interface Action {
        Path path();
    }

    /** {@code SET path = :value}; a nested path needs its parent map to exist. */
    public record Set(Path path, Attr value) implements Action {
        public Set {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code SET path = if_not_exists(path, :value)}: writes only where nothing is yet. */
    public record SetIfNotExists(Path path, Attr value) implements Action {
        public SetIfNotExists {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code REMOVE path}; removing what is not there does nothing. */
    public record Remove(Path path) implements Action {
        public Remove {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * {@code ADD path :value}: adds a number to a number (a missing one counts as 0), or members to a set
     * (a missing one counts as empty).
     */
    public record Add(Path path, Attr value) implements Action {
        public Add {
            Objects.requireNonNull(path, "path");
            topLevel(path, "ADD");
            if (!(value instanceof Attr.N
                    || value instanceof Attr.SS
                    || value instanceof Attr.NS
                    || value instanceof Attr.BS)) {
                throw new IllegalArgumentException("ADD takes a number or a set, not " + value.typeName());
            }
        }
    }

    /** {@code DELETE path :set}: removes members from a set; a set left empty is removed. */
    public record Delete(Path path, Attr value) implements Action {
        public Delete {
            Objects.requireNonNull(path, "path");
            topLevel(path, "DELETE");
            if (!(value instanceof Attr.SS || value instanceof Attr.NS || value instanceof Attr.BS)) {
                throw new IllegalArgumentException("DELETE takes a set, not " + value.typeName());
            }
        }
    }

    private static void topLevel(Path path, String action) {
        if (!path.isTopLevel()) {
            throw new IllegalArgumentException(action + " works on top-level attributes only, not " + path);
        }
    }

    /** Collects actions. */
    public static final class Builder {
        private final List<Action> actions = new ArrayList<>();

        private Builder() {}

        public Builder set(String attribute, Attr value) {
            return add(new Set(Path.of(attribute), value));
        }

        public Builder set(Path path, Attr value) {
            return add(new Set(path, value));
        }

        public Builder setIfNotExists(String attribute, Attr value) {
            return add(new SetIfNotExists(Path.of(attribute), value));
        }

        public Builder remove(String attribute) {
            return add(new Remove(Path.of(attribute)));
        }

        public Builder add(String attribute, Attr value) {
            return add(new Add(Path.of(attribute), value));
        }

        public Builder delete(String attribute, Attr value) {
            return add(new Delete(Path.of(attribute), value));
        }

        public Builder add(Action action) {
            actions.add(action);
            return this;
        }

        public boolean isEmpty() {
            return actions.isEmpty();
        }

        public Update build() {
            return new Update(actions);
        }
    }
}
