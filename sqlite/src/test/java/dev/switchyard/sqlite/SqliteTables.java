package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A SQLite file per test, with every table of the test in it under a name of its own, as the control table
 * and the reactor's records share the embedded store's file. Register with {@code @RegisterExtension}.
 */
final class SqliteTables implements BeforeEachCallback, AfterEachCallback {
    private Path dir;
    private SqliteStore store;
    private int tables;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("switchyard-sqlite");
        store = SqliteStore.open(dir.resolve("switchyard.db"), Clock.systemUTC());
        tables = 0;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty table of this shape in the test's file. */
    ItemTable newTable(TableSchema schema) {
        return store.table(renamed(schema, schema.name() + "_" + tables++));
    }

    static TableSchema renamed(TableSchema schema, String name) {
        return new TableSchema(
                name,
                schema.partitionKey(),
                schema.sortKey(),
                schema.indexes(),
                schema.streamed(),
                schema.ttlAttribute());
    }
}
