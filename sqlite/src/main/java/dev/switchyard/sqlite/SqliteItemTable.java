package dev.switchyard.sqlite;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.stream.TableChange;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.Expressions;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One table of a {@link SqliteStore}. Every write reads the item, tests the condition and writes in one
 * {@code BEGIN IMMEDIATE} transaction, with {@link Expressions} deciding exactly as for the other stores.
 */
final class SqliteItemTable implements ItemTable {
    private final SqliteStore store;
    private final TableLayout layout;
    private final TableSchema schema;
    private final Clock clock;

    SqliteItemTable(SqliteStore store, TableLayout layout, Clock clock) {
        this.store = store;
        this.layout = layout;
        this.schema = layout.schema();
        this.clock = clock;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public Optional<Map<String, Attr>> get(Map<String, Attr> key) {
        Map<String, Attr> checked = schema.checkKey(key);
        return store.read(c -> Optional.ofNullable(find(c, checked)));
    }

    @Override
    public Page query(Query query) {
        List<Map<String, Attr>> items = store.read(c -> items(c, layout.query(query)));
        Map<String, Attr> lastKey =
                items.size() == query.limit() ? layout.lastKey(items.getLast(), query.index()) : null;
        return new Page(items, lastKey);
    }

    @Override
    public Page scan(int limit, Map<String, Attr> startAfter) {
        List<Map<String, Attr>> items = store.read(c -> items(c, layout.scan(limit, startAfter)));
        return new Page(items, items.size() == limit ? schema.keyOf(items.getLast()) : null);
    }

    @Override
    public WriteResult put(Map<String, Attr> item, Condition condition) {
        Expressions.checkItem(schema, item);
        Map<String, Attr> written = new LinkedHashMap<>(item);
        Map<String, Attr> key = schema.keyOf(written);
        return store.write(c -> {
            Map<String, Attr> current = find(c, key);
            if (!Expressions.test(condition, current)) {
                return new WriteResult.ConditionFailed();
            }
            save(c, current, written);
            return new WriteResult.Applied(written);
        });
    }

    @Override
    public WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
        Map<String, Attr> checked = schema.checkKey(key);
        return store.write(c -> {
            Map<String, Attr> current = find(c, checked);
            if (!Expressions.test(condition, current)) {
                return new WriteResult.ConditionFailed();
            }
            Map<String, Attr> updated = Expressions.apply(schema, checked, update, current);
            if (updated == null) {
                // An update that only removes, on no item, makes none (DynamoDB); nothing to record either.
                return new WriteResult.Applied(Map.of());
            }
            save(c, current, updated);
            return new WriteResult.Applied(updated);
        });
    }

    @Override
    public WriteResult delete(Map<String, Attr> key, Condition condition) {
        Map<String, Attr> checked = schema.checkKey(key);
        return store.write(c -> {
            Map<String, Attr> current = find(c, checked);
            if (!Expressions.test(condition, current)) {
                return new WriteResult.ConditionFailed();
            }
            if (current == null) {
                // Nothing was there, so nothing changed: DynamoDB Streams records no REMOVE either.
                return new WriteResult.Applied(Map.of());
            }
            try (PreparedStatement delete = prepare(c, layout.deleteOne(), layout.keyValues(checked))) {
                delete.executeUpdate();
            }
            record(c, TableChange.Kind.REMOVE, current, null);
            return new WriteResult.Applied(current);
        });
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return store.atomically(work);
    }

    /** SQLite's plan for a query, one line per step: to check that a query uses an index. */
    List<String> queryPlan(Query query) {
        TableLayout.Sql sql = layout.query(query);
        return store.read(c -> {
            List<String> plan = new ArrayList<>();
            try (PreparedStatement explain = prepare(c, "EXPLAIN QUERY PLAN " + sql.text(), sql.params());
                    ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.add(rows.getString("detail"));
                }
            }
            return plan;
        });
    }

    private void save(Connection c, Map<String, Attr> current, Map<String, Attr> next) throws SQLException {
        if (next.equals(current)) {
            // DynamoDB Streams writes no stream record for a PutItem or UpdateItem that does not change any
            // data in the item (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html),
            // so an unchanged item gets neither a new row nor a MODIFY here.
            return;
        }
        List<Object> values = new ArrayList<>(layout.upsertValues(next));
        values.add(Texts.item(next));
        try (PreparedStatement upsert = prepare(c, layout.upsert(), values)) {
            upsert.executeUpdate();
        }
        record(c, current == null ? TableChange.Kind.INSERT : TableChange.Kind.MODIFY, current, next);
    }

    /** Appends a change of a streamed table, in the write's transaction, so both land or neither. */
    private void record(Connection c, TableChange.Kind kind, Map<String, Attr> before, Map<String, Attr> after)
            throws SQLException {
        if (!schema.streamed()) {
            return;
        }
        Map<String, Attr> keys = schema.keyOf(after != null ? after : before);
        List<Object> values = new ArrayList<>();
        values.add(UUID.randomUUID().toString());
        values.add(kind.name());
        values.add(Texts.item(keys));
        values.add(before == null ? null : Texts.item(before));
        values.add(after == null ? null : Texts.item(after));
        // Whole seconds, as DynamoDB's ApproximateCreationDateTime.
        values.add(clock.instant().truncatedTo(ChronoUnit.SECONDS).getEpochSecond());
        try (PreparedStatement insert = prepare(c, layout.insertChange(), values)) {
            insert.executeUpdate();
        }
    }

    private Map<String, Attr> find(Connection c, Map<String, Attr> key) throws SQLException {
        try (PreparedStatement select = prepare(c, layout.selectOne(), layout.keyValues(key));
                ResultSet row = select.executeQuery()) {
            return row.next() ? Texts.item(row.getString(1)) : null;
        }
    }

    private static List<Map<String, Attr>> items(Connection c, TableLayout.Sql sql) throws SQLException {
        List<Map<String, Attr>> items = new ArrayList<>();
        try (PreparedStatement select = prepare(c, sql.text(), sql.params());
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(Texts.item(rows.getString(1)));
            }
        }
        return items;
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> values) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }
}
