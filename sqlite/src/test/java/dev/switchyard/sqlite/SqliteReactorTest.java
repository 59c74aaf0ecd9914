package dev.switchyard.sqlite;

import dev.switchyard.reactor.react.ReactorContract;
import dev.switchyard.reactor.react.World;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The reactor's delivery guarantees on a SQLite file. The second reactor instance of the exactly-once test
 * has a connection of its own to the same file, as a second process (another {@code switchyard invoke}) would.
 */
class SqliteReactorTest extends ReactorContract {
    private Path dir;
    private SqliteStore store;
    private SqliteStore other;
    private int tables;

    @BeforeEach
    void open() throws IOException {
        dir = Files.createTempDirectory("switchyard-reactor");
        store = SqliteStore.open(dir.resolve("switchyard.db"), Clock.systemUTC());
        other = SqliteStore.open(dir.resolve("switchyard.db"), Clock.systemUTC());
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        other.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected ItemTable newTable(TableSchema schema) {
        return store.table(SqliteTables.renamed(schema, schema.name() + "_" + tables++));
    }

    @Override
    protected World secondInstance(World first) {
        return first.instance(port -> port instanceof ItemTable table ? other.table(table.schema()) : port);
    }

    @Override
    protected int days() {
        return 8;
    }
}
