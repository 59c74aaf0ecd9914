package dev.switchyard.sqlite;

import dev.switchyard.contracts.stream.TableChange;
import dev.switchyard.reactor.store.ChangeFeed;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one streamed table of a {@link SqliteStore}, read from its change table. Writers take
 * SQLite's one write lock and number changes as they commit, so a reader never sees a later change
 * without every earlier one: reading on after the last sequence number seen misses nothing.
 */
final class SqliteChangeFeed implements ChangeFeed {
    /** DynamoDB's sequence numbers have at least 21 digits; zero-padded ones also sort as text. */
    private static final String SEQUENCE_FORMAT = "%021d";

    private final SqliteStore store;
    private final TableLayout layout;

    SqliteChangeFeed(SqliteStore store, TableLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    @Override
    public List<TableChange> read(long afterSequence, int limit) {
        if (afterSequence < 0 || limit < 1) {
            throw new IllegalArgumentException("read after a sequence number of 0 or more, at least 1 change; not "
                    + afterSequence + ", " + limit);
        }
        return store.read(c -> {
            List<TableChange> changes = new ArrayList<>();
            try (PreparedStatement select =
                            SqliteItemTable.prepare(c, layout.selectChanges(), List.of(afterSequence, limit));
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    changes.add(new TableChange(
                            rows.getString("event_id"),
                            SEQUENCE_FORMAT.formatted(rows.getLong("seq")),
                            TableChange.Kind.valueOf(rows.getString("kind")),
                            layout.schema().name(),
                            Texts.item(rows.getString("keys")),
                            Texts.item(rows.getString("old_image")),
                            Texts.item(rows.getString("new_image")),
                            Instant.ofEpochSecond(rows.getLong("at")),
                            false));
                }
            }
            return changes;
        });
    }
}
