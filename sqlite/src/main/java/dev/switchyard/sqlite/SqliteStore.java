package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ChangeFeed;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.StoreUnavailableException;
import dev.switchyard.reactor.store.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: any number of {@link ItemTable}s in one SQLite database file, each streamed one
 * with its change feed. Several processes may open one file at once (SQLite's WAL mode lets readers run
 * beside the one writer, and a writer waits up to the busy timeout for another); each single-item write
 * is one transaction.
 *
 * <p>Within one JVM the store is one connection behind a lock: every call holds the lock for its
 * duration, so a thread inside {@link #atomically} holds the connection's open transaction alone, and
 * other threads, reads and writes alike, wait for it. A reader never sees another thread's uncommitted
 * writes, which it would through a shared connection without the lock. Do not wait inside {@code
 * atomically} for another thread that uses this store: it would wait forever.
 */
public final class SqliteStore implements AutoCloseable {
    /** Where the CLI keeps the store, relative to the project directory. */
    public static final Path DEFAULT_FILE = Path.of(".switchyard", "switchyard.db");

    /** How long a write waits for another process's write before the store reports itself unavailable. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final String description;
    private final Duration busyTimeout;
    private final Clock clock;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /** Transactions open on the connection: 0, or 1 inside {@link #atomically} or a write. Guarded by lock. */
    private int depth;

    private boolean closed;

    private SqliteStore(String description, Duration busyTimeout, Clock clock, Connection connection) {
        this.description = description;
        this.busyTimeout = busyTimeout;
        this.clock = clock;
        this.connection = connection;
    }

    /** Opens (creating it and its directories if missing) the store in a file. */
    public static SqliteStore open(Path file, Clock clock) {
        return open(file, clock, DEFAULT_BUSY_TIMEOUT);
    }

    /** Opens the store in a file, waiting at most {@code busyTimeout} for another process's write. */
    public static SqliteStore open(Path file, Clock clock, Duration busyTimeout) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the store " + absolute, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        // WAL: readers in other processes (the CLI showing status) do not block the reactor's writes.
        // It needs a local file system; SQLite's locks do not hold across network file systems.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        // synchronous stays FULL (the default): a write the reactor reported done survives a power cut.
        return connect("jdbc:sqlite:" + absolute, absolute.toString(), busyTimeout, clock, config);
    }

    /** A store in memory, gone when closed: for tests and runs that keep nothing. */
    public static SqliteStore openInMemory(Clock clock) {
        // One connection (this class never opens another), so a private in-memory database serves every
        // thread; nothing else could share it.
        return connect("jdbc:sqlite::memory:", ":memory:", Duration.ZERO, clock, new SQLiteConfig());
    }

    private static SqliteStore connect(
            String url, String description, Duration busyTimeout, Clock clock, SQLiteConfig config) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, config.toProperties());
        } catch (SQLException e) {
            throw failure(description, busyTimeout, e);
        }
        SqliteStore store = new SqliteStore(description, busyTimeout, clock, connection);
        try {
            store.write(c -> {
                try (Statement statement = c.createStatement()) {
                    // NOCASE: SQLite folds the case of table names, so two names differing in case are one table.
                    statement.execute("CREATE TABLE IF NOT EXISTS switchyard_tables"
                            + " (name TEXT COLLATE NOCASE PRIMARY KEY, schema TEXT NOT NULL)");
                }
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * The table of a schema, created when missing. Refuses a table recorded with another schema: its
     * rows were laid out and indexed for that one.
     */
    public ItemTable table(TableSchema schema) {
        TableLayout layout = new TableLayout(schema);
        write(c -> {
            String recorded = recordedSchema(c, schema.name());
            if (recorded == null) {
                create(c, layout);
            } else if (!Texts.schema(recorded).equals(schema)) {
                throw new IllegalStateException("table " + schema.name() + " in " + description
                        + " was created with another schema; refusing to use it with this one."
                        + "\n  recorded: " + recorded + "\n  asked:    " + Texts.schema(schema)
                        + "\nMove the file aside (or use another table name) to start afresh.");
            }
            return null;
        });
        return new SqliteItemTable(this, layout, clock);
    }

    /** The change feed of a streamed table, which is created when missing. */
    public ChangeFeed changes(TableSchema schema) {
        if (!schema.streamed()) {
            throw new IllegalArgumentException("table " + schema.name() + " is not streamed, so it has no changes");
        }
        table(schema);
        return new SqliteChangeFeed(this, new TableLayout(schema));
    }

    /**
     * Runs work in one transaction: its writes, on any table of this store, and their change records land
     * together, or, when work throws, not at all. A call inside another just runs.
     */
    public <T> T atomically(Supplier<T> work) {
        lock.lock();
        try {
            ensureOpen();
            if (depth > 0) {
                return work.get();
            }
            return inTransaction(c -> work.get());
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteStore[" + description + "]";
    }

    /** Runs reads; each statement sees committed data (or this thread's own open transaction). */
    <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a write atomically: in a transaction of its own, or inside {@link #atomically}'s under a
     * savepoint, so that a write that fails halfway leaves nothing of itself even there.
     */
    <T> T write(SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return depth == 0 ? inTransaction(work) : inSavepoint(work);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        // IMMEDIATE takes the write lock before reading, so the item a condition is tested on cannot
        // change before the write: the read-test-write is one atomic step across processes too.
        execute("BEGIN IMMEDIATE");
        depth++;
        try {
            T result = work.run(connection);
            execute("COMMIT");
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            undo("ROLLBACK", e);
            throw e;
        } finally {
            depth--;
        }
    }

    private <T> T inSavepoint(SqlWork<T> work) throws SQLException {
        execute("SAVEPOINT write");
        try {
            T result = work.run(connection);
            execute("RELEASE write");
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            undo("ROLLBACK TO write", e);
            undo("RELEASE write", e);
            throw e;
        }
    }

    private void undo(String sql, Throwable cause) {
        try {
            execute(sql);
        } catch (SQLException e) {
            // A failed COMMIT may have ended the transaction already; the first failure is the story.
            cause.addSuppressed(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store " + description + " is closed");
        }
    }

    private static String recordedSchema(Connection c, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT schema FROM switchyard_tables WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static void create(Connection c, TableLayout layout) throws SQLException {
        try (Statement statement = c.createStatement()) {
            for (String sql : layout.create()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO switchyard_tables (name, schema) VALUES (?, ?)")) {
            insert.setString(1, layout.schema().name());
            insert.setString(2, Texts.schema(layout.schema()));
            insert.executeUpdate();
        }
    }

    private RuntimeException failure(SQLException e) {
        return failure(description, busyTimeout, e);
    }

    private static RuntimeException failure(String description, Duration busyTimeout, SQLException e) {
        // The primary result code is the low byte of an extended one (SQLITE_BUSY_SNAPSHOT is BUSY too).
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            return new StoreUnavailableException(
                    "the SQLite store " + description + " stayed locked by another writer for " + busyTimeout, e);
        }
        return new IllegalStateException("SQLite store " + description + ": " + e.getMessage(), e);
    }

    /** Work on the connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
