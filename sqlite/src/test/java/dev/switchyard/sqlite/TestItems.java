package dev.switchyard.sqlite;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Items and schemas the SQLite tests share. */
final class TestItems {
    /** The control table's shape: keyed by name, streamed, a global index on category. */
    static final TableSchema JOBS = new TableSchema(
            "jobs",
            "JobName",
            null,
            List.of(new TableSchema.Index("JobCategory-index", "JobCategory", "JobName", false)),
            true,
            null);

    /** The reactor's records' shape: partition and sort key, not streamed. */
    static final TableSchema STATE = new TableSchema(
            "state", "PK", "SK", List.of(new TableSchema.Index("ByTime", "PK", "At", true)), false, "ExpiresAt");

    private TestItems() {}

    /** An item of strings and numbers: {@code item("JobName", "J", "Version", 1)}. */
    static Map<String, Attr> item(Object... namesAndValues) {
        Map<String, Attr> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            item.put(
                    (String) namesAndValues[i],
                    switch (value) {
                        case Attr a -> a;
                        case String s -> new Attr.S(s);
                        case Integer n -> Attr.n(n);
                        default -> throw new IllegalArgumentException(String.valueOf(value));
                    });
        }
        return item;
    }

    static Map<String, Attr> job(String name) {
        return item("JobName", name);
    }

    static String text(Map<String, Attr> item, String attribute) {
        return ((Attr.S) item.get(attribute)).value();
    }
}
