package dev.switchyard.cli;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import dev.switchyard.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A SQLite store followed through its file's replacement: each {@code switchyard run} replaces its project's
 * {@code run.db} with a new file, and a dashboard left open on the old one would show the old runs for ever. Before
 * each request it checks the file's identity (its inode, one {@code stat}), and reopens the file when another
 * stands at the path.
 */
final class FollowedSqliteFile implements AutoCloseable {
    private final Path file;
    private final Clock clock;
    private final TableSchema jobsSchema;
    private final TableSchema stateSchema;
    private Object key;
    private SqliteStore store;
    private ItemTable jobs;
    private ItemTable state;

    FollowedSqliteFile(Path file, Clock clock, TableSchema jobsSchema, TableSchema stateSchema) {
        this.file = file;
        this.clock = clock;
        this.jobsSchema = jobsSchema;
        this.stateSchema = stateSchema;
        open();
    }

    /** The control table's items, in whichever file stands at the path. */
    ItemTable jobs() {
        return new Following(jobsSchema, () -> current().jobs);
    }

    /** The state table's items, in whichever file stands at the path. */
    ItemTable state() {
        return new Following(stateSchema, () -> current().state);
    }

    private synchronized FollowedSqliteFile current() {
        Object now = identity();
        if (now != null && !now.equals(key)) {
            SqliteStore old = store;
            open();
            old.close(); // a request on it now fails once, and the next one reads the new file
        }
        return this;
    }

    private void open() {
        key = identity();
        store = SqliteStore.open(file, clock);
        jobs = store.table(jobsSchema);
        state = store.table(stateSchema);
    }

    /** The file's identity, or null while no file stands at the path (a run between its delete and create). */
    private Object identity() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Objects.requireNonNullElse(attributes.fileKey(), attributes.creationTime());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }

    /** An item table that asks for the current one at each request. */
    private record Following(TableSchema schema, Supplier<ItemTable> table) implements ItemTable {
        @Override
        public Optional<Map<String, Attr>> get(Map<String, Attr> key) {
            return table.get().get(key);
        }

        @Override
        public Page query(Query query) {
            return table.get().query(query);
        }

        @Override
        public Page scan(int limit, Map<String, Attr> startAfter) {
            return table.get().scan(limit, startAfter);
        }

        @Override
        public WriteResult put(Map<String, Attr> item, Condition condition) {
            return table.get().put(item, condition);
        }

        @Override
        public WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
            return table.get().update(key, update, condition);
        }

        @Override
        public WriteResult delete(Map<String, Attr> key, Condition condition) {
            return table.get().delete(key, condition);
        }

        @Override
        public <T> T atomically(Supplier<T> work) {
            return table.get().atomically(work);
        }
    }
}
