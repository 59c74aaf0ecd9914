package dev.switchyard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code switchyard init}: creates a store with the keys, index and stream settings the deployment uses. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Creates the storage of a control table: the table of jobs and the table of categories and run records.",
            "",
            "dynamodb:NAME creates NAME (key JobName, global index JobCategory-index, stream NEW_AND_OLD_IMAGES) and"
                    + " NAME-state (keys PK/SK, local index ByTime, time to live on ExpiresAt), on demand billing, as"
                    + " the CloudFormation template does; meant for development endpoints (--endpoint). sqlite:PATH"
                    + " creates the same tables in one file, with a change feed in place of the stream.",
            "Running it again on a store that exists changes nothing.",
        },
        footer = {
            "",
            "Examples:",
            "  switchyard init --table sqlite:",
            "  switchyard init --table dynamodb:glue-control --endpoint http://localhost:4567",
            "",
        })
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private TableOption table;

    @Mixin
    private FormatOption format;

    /** One table made (or found) by init. */
    private record Made(String table, String role, boolean created, String detail) {}

    @Override
    public Integer call() throws Exception {
        TableSource source = table.source();
        List<Made> made = switch (source.kind()) {
            case FILE ->
                throw new UserError(source + " is a file, which needs no init; init creates a store:"
                        + " sqlite:PATH or dynamodb:NAME");
            case SQLITE -> sqlite(Path.of(source.location()));
            case DYNAMODB -> dynamodb(source.location());
        };
        print(source, made, main.out());
        return 0;
    }

    private List<Made> sqlite(Path file) {
        boolean existed = Files.exists(file);
        try (SqliteStore store = SqliteStore.open(file, main.clock())) {
            store.table(ControlTable.SCHEMA);
            store.table(StateTable.SCHEMA);
        }
        return List.of(
                new Made(file + " jobs", "control table", !existed, describe(ControlTable.SCHEMA) + ", change feed"),
                new Made(file + " state", "categories and run records", !existed, describe(StateTable.SCHEMA)));
    }

    private List<Made> dynamodb(String name) {
        List<Made> made = new ArrayList<>();
        try (DynamoDbClient client = DynamoTables.client(table.endpoint(), table.region)) {
            made.add(dynamodb(client, ControlTable.SCHEMA, name, "control table"));
            made.add(dynamodb(client, StateTable.SCHEMA, Store.stateTableName(name), "categories and run records"));
        }
        return made;
    }

    private static Made dynamodb(DynamoDbClient client, TableSchema schema, String name, String role) {
        DynamoTables.Result result = DynamoTables.create(client, schema, name);
        String detail = describe(schema)
                + (schema.streamed() ? ", stream NEW_AND_OLD_IMAGES" : "")
                + (schema.ttlAttribute() == null ? "" : "; " + result.ttlDetail());
        return new Made(name, role, result.created(), detail);
    }

    private static String describe(TableSchema schema) {
        StringBuilder text = new StringBuilder(
                schema.sortKey() == null
                        ? "key " + schema.partitionKey()
                        : "keys " + schema.partitionKey() + "/" + schema.sortKey());
        for (TableSchema.Index index : schema.indexes()) {
            text.append(", index ").append(index.name());
        }
        return text.toString();
    }

    private void print(TableSource source, List<Made> made, PrintWriter out) throws Exception {
        if (format.json()) {
            ObjectNode result = Json.mapper().createObjectNode();
            result.put("table", source.toString());
            ArrayNode tables = result.putArray("tables");
            for (Made m : made) {
                tables.addObject()
                        .put("name", m.table())
                        .put("role", m.role())
                        .put("created", m.created())
                        .put("detail", m.detail());
            }
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return;
        }
        TextTable t = new TextTable("TABLE", "HOLDS", "STATE", "DETAIL");
        for (Made m : made) {
            t.row(m.table(), m.role(), m.created() ? "created" : "already there", m.detail());
        }
        t.print(out);
        out.printf("%nNext: switchyard jobs import FILE --table %s%n", source.toString());
    }
}
