package dev.switchyard.cli;

import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.TableFiles;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.dynamodb.DynamoItemTable;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An open control-table store: the jobs and the categories of a SQLite file or of a pair of DynamoDB
 * tables ({@code NAME} for the jobs, {@code NAME-state} for categories and the reactor's records).
 */
final class Store implements AutoCloseable {
    private final TableSource source;
    private final ControlTable jobs;
    private final Categories categories;
    private final ItemTable jobItems;
    private final ItemTable stateItems;
    private final AutoCloseable resource;

    private Store(TableSource source, ItemTable jobs, ItemTable state, AutoCloseable resource) {
        this.source = source;
        this.jobItems = jobs;
        this.stateItems = state;
        this.jobs = new ControlTable(jobs);
        this.categories = new Categories(state);
        this.resource = resource;
    }

    /** The DynamoDB table holding categories and the reactor's records, next to the control table. */
    static String stateTableName(String controlTable) {
        return controlTable + "-state";
    }

    /**
     * Opens a store that {@code switchyard init} has created.
     *
     * @throws UserError when the argument is a file, or the SQLite file does not exist (a missing DynamoDB
     *     table shows at the first request)
     */
    static Store open(TableOption option, Clock clock) {
        TableSource source = option.source();
        return switch (source.kind()) {
            case FILE ->
                throw new UserError(source + " is a file; this command needs a store (sqlite:PATH or"
                        + " dynamodb:NAME). Load a file into one with: switchyard init --table sqlite: && switchyard jobs"
                        + " import " + source + " --table sqlite:");
            case SQLITE -> {
                Path file = Path.of(source.location());
                if (!Files.exists(file)) {
                    throw new UserError(file + ": no such database; create it with: switchyard init --table " + source);
                }
                SqliteStore store = SqliteStore.open(file, clock);
                try {
                    yield new Store(source, store.table(ControlTable.SCHEMA), store.table(StateTable.SCHEMA), store);
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
            }
            case DYNAMODB -> {
                DynamoDbClient client = DynamoTables.client(option.endpoint(), option.region);
                // A missing table is found by the first request (MissingTableException), not by asking first.
                String name = source.location();
                yield new Store(
                        source,
                        new DynamoItemTable(client, ControlTable.SCHEMA, name),
                        new DynamoItemTable(client, StateTable.SCHEMA, stateTableName(name)),
                        client);
            }
        };
    }

    ControlTable jobs() {
        return jobs;
    }

    Categories categories() {
        return categories;
    }

    /** The control table's items, for the reactor. */
    ItemTable jobItems() {
        return jobItems;
    }

    /** The state table's items (categories, run records, category runs, triggers), for the reactor. */
    ItemTable stateItems() {
        return stateItems;
    }

    TableSource source() {
        return source;
    }

    /**
     * The rows of the whole table ({@code category} null) or of one category (read through the category
     * index), checked as a file's rows are. A file is read whole.
     */
    static Loaded<ControlTableItem> load(TableOption option, Clock clock, String category) {
        TableSource source = option.source();
        if (source.isFile()) {
            return TableFiles.readControlTable(source.file());
        }
        try (Store store = open(option, clock)) {
            return ControlTable.loaded(
                    source.toString(), category == null ? store.jobs.all() : store.jobs.category(category));
        }
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + source + ": " + e.getMessage(), e);
        }
    }
}
