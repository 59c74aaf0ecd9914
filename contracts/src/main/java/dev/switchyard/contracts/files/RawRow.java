package dev.switchyard.contracts.files;

import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.attr.Attr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One row as read from a file, before it is checked: where it starts and its attributes. */
public record RawRow(Location location, Map<String, Attr> attributes) {
    public RawRow {
        Objects.requireNonNull(location, "location");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
