package dev.switchyard.sqlite;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.ItemTableContract;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.util.Map;

/** Items and schemas the SQLite tests share. */
final class TestItems {
    /** The control table's shape: keyed by name, streamed, a global index on category. */
    static final TableSchema JOBS = ControlTable.SCHEMA;

    /** The reactor's records' shape: partition and sort key, not streamed. */
    static final TableSchema STATE = StateTable.SCHEMA;

    private TestItems() {}

    /** An item of strings and numbers: {@code item("JobName", "J", "Version", 1)}. */
    static Map<String, Attr> item(Object... namesAndValues) {
        return ItemTableContract.item(namesAndValues);
    }

    static Map<String, Attr> job(String name) {
        return item("JobName", name);
    }

    static String text(Map<String, Attr> item, String attribute) {
        return ((Attr.S) item.get(attribute)).value();
    }
}
