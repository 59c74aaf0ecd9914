package dev.switchyard.contracts.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.DynamoJson;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.Items;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Items and categories survive every format they can be written in, unchanged. */
class RoundTripProperties {

    @Provide
    Arbitrary<List<ControlTableItem>> stringTables() {
        return Items.stringItems().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<ControlTableItem>> jsonTables() {
        return Items.jsonItems().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<ControlTableItem> dynamoItems() {
        return Items.dynamoItems();
    }

    @Provide
    Arbitrary<List<CategoryDefinition>> categories() {
        Arbitrary<CategoryDefinition> one = Combinators.combine(
                        Arbitraries.of("RAW", "STG", "MART", "Daily_Sales", "X"),
                        Arbitraries.of("RAW", "STG", "MART", "Finance Ops")
                                .set()
                                .ofMaxSize(3),
                        Arbitraries.integers().between(1, 10_000),
                        Arbitraries.maps(
                                        Arbitraries.of("Owner", "Schedule"),
                                        Items.texts().map(t -> (Attr) new Attr.S(t)))
                                .ofMaxSize(2))
                .as((name, deps, max, others) -> {
                    List<String> dependsOn = new ArrayList<>(deps);
                    dependsOn.remove(name);
                    return new CategoryDefinition(name, dependsOn, max, new LinkedHashMap<>(others));
                });
        return one.list().ofMaxSize(5);
    }

    private static List<ControlTableItem> roundTrip(List<ControlTableItem> items, FileFormat format) {
        StringWriter out = new StringWriter();
        TableFiles.writeControlTable(out, format, items);
        Loaded<ControlTableItem> read = Loaded.decode(
                "test",
                RowFiles.read("test." + format, format, new StringReader(out.toString())),
                ControlTableItem::fromAttributes);
        assertThat(read.problems(ControlTableItem.JOB_NAME)).as(out.toString()).isEmpty();
        return read.values();
    }

    @Property(tries = 300)
    void stringItemsSurviveCsvJsonAndYaml(@ForAll("stringTables") List<ControlTableItem> items) {
        for (FileFormat format : FileFormat.values()) {
            assertThat(roundTrip(items, format)).as(format.name()).isEqualTo(items);
        }
    }

    @Property(tries = 300)
    void anyJsonValueSurvivesJsonAndYaml(@ForAll("jsonTables") List<ControlTableItem> items) {
        assertThat(roundTrip(items, FileFormat.JSON)).isEqualTo(items);
        assertThat(roundTrip(items, FileFormat.YAML)).isEqualTo(items);
    }

    @Property(tries = 500)
    void everyDynamoDbValueSurvivesDynamoJson(@ForAll("dynamoItems") ControlTableItem item) {
        Map<String, Attr> back = DynamoJson.readItem(DynamoJson.writeItem(item.toAttributes()));
        assertThat(ControlTableItem.fromAttributes(back)).isEqualTo(new Decoded.Ok<>(item));
    }

    @Property(tries = 300)
    void categoriesSurviveEveryFormat(@ForAll("categories") List<CategoryDefinition> categories) {
        for (FileFormat format : FileFormat.values()) {
            StringWriter out = new StringWriter();
            TableFiles.writeCategories(out, format, categories);
            Loaded<CategoryDefinition> read = Loaded.decode(
                    "test",
                    RowFiles.read("test", format, new StringReader(out.toString())),
                    CategoryDefinition::fromAttributes);
            assertThat(read.problems(CategoryDefinition.CATEGORY))
                    .as(out.toString())
                    .isEmpty();
            assertThat(read.values()).as(format + ":\n" + out).isEqualTo(categories);
        }
    }
}
