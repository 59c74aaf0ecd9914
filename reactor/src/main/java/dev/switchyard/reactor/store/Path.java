package dev.switchyard.reactor.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A document path: a top-level attribute, then map keys ({@code Jobs.JOB1.State}). List indexes are not
 * used by Switchyard, so they are not modelled.
 *
 * @param segments the attribute name, then the keys of nested maps
 */
public record Path(List<String> segments) {
    public Path {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a path names at least an attribute");
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("a path segment may not be empty: " + segments);
            }
        }
    }

    public static Path of(String attribute, String... keys) {
        List<String> all = new ArrayList<>(keys.length + 1);
        all.add(attribute);
        all.addAll(List.of(keys));
        return new Path(all);
    }

    /** The top-level attribute this path starts at. */
    public String attribute() {
        return segments.getFirst();
    }

    public boolean isTopLevel() {
        return segments.size() == 1;
    }

    /** The path of the map holding this one; only for nested paths. */
    public Path parent() {
        if (isTopLevel()) {
            throw new IllegalStateException(this + " is top-level");
        }
        return new Path(segments.subList(0, segments.size() - 1));
    }

    /** Whether one path is a prefix of the other (DynamoDB refuses such pairs in one update). */
    public boolean overlaps(Path other) {
        int n = Math.min(segments.size(), other.segments.size());
        return segments.subList(0, n).equals(other.segments.subList(0, n));
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
