package dev.switchyard.reactor.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.RawRow;
import dev.switchyard.contracts.files.RowFiles;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The category definitions' rules, run against every store: one graph, one version, never a cycle. */
public abstract class CategoriesContract {
    private static final Stamp ALICE = new Stamp("alice", Instant.parse("2026-11-27T10:00:00Z"));

    protected abstract ItemTable newTable(TableSchema schema);

    private static CategoryDefinition category(String name, String... dependsOn) {
        return CategoryDefinition.of(name, List.of(dependsOn), 10);
    }

    private static Loaded<CategoryDefinition> file(CategoryDefinition... definitions) {
        List<RawRow> rows = new ArrayList<>();
        for (int i = 0; i < definitions.length; i++) {
            rows.add(new RawRow(new Location("categories.csv", i + 2), definitions[i].toAttributes()));
        }
        return Loaded.decode("categories.csv", new RowFiles.Rows(rows, List.of()), CategoryDefinition::fromAttributes);
    }

    @Test
    void shouldStartEmpty_atVersionZero() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));

        assertThat(categories.read().definitions()).isEmpty();
        assertThat(categories.read().version()).isZero();
    }

    @Test
    void shouldPutAndReadBack_inOrder_withAVersionPerWrite() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));

        categories.put(category("RAW"), OptionalLong.of(0), ALICE);
        categories.put(category("STG", "RAW"), OptionalLong.of(1), ALICE);
        categories.put(CategoryDefinition.of("RAW", List.of(), 25), OptionalLong.empty(), ALICE);

        Categories.Stored stored = categories.read();
        assertThat(stored.definitions())
                .containsExactly(CategoryDefinition.of("RAW", List.of(), 25), category("STG", "RAW"));
        assertThat(stored.version()).isEqualTo(3);
        assertThat(stored.updatedBy()).isEqualTo("alice");
    }

    @Test
    void shouldRefuseAWriteThatClosesACycle_namingIt() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));
        categories.importAll(file(category("RAW"), category("STG", "RAW"), category("MART", "STG")), ALICE);

        assertThatThrownBy(() -> categories.put(category("RAW", "MART"), OptionalLong.empty(), ALICE))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("RAW → STG → MART → RAW");
        assertThat(categories.read().definitions().getFirst()).isEqualTo(category("RAW"));
    }

    @Test
    void shouldRefuseToDeleteACategory_thatOthersDependOn() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));
        categories.importAll(file(category("RAW"), category("STG", "RAW")), ALICE);

        assertThatThrownBy(() -> categories.delete("RAW", OptionalLong.empty(), ALICE))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("RAW");
        assertThat(categories.delete("STG", OptionalLong.empty(), ALICE).deleted())
                .isEqualTo(1);
        assertThat(categories.read().definitions()).containsExactly(category("RAW"));
    }

    @Test
    void shouldEditTheDefinitionAsStoredNow_andRefuseToDeleteAnUnknownOne() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));
        categories.put(category("RAW"), OptionalLong.empty(), ALICE);
        categories.put(CategoryDefinition.of("REF", List.of(), 5), OptionalLong.empty(), ALICE);

        categories.edit(
                "REF",
                current ->
                        new CategoryDefinition("REF", List.of("RAW"), current.maxConcurrency(), current.otherColumns()),
                OptionalLong.empty(),
                ALICE);
        categories.edit(
                "NEW",
                current -> CategoryDefinition.of("NEW", List.of(), current == null ? 3 : 99),
                OptionalLong.empty(),
                ALICE);

        assertThat(categories.read().definitions())
                .contains(CategoryDefinition.of("REF", List.of("RAW"), 5), CategoryDefinition.of("NEW", List.of(), 3));
        assertThatThrownBy(() -> categories.delete("NOPE", OptionalLong.empty(), ALICE))
                .isInstanceOf(NoSuchItemException.class)
                .hasMessageContaining("no category NOPE");
    }

    @Test
    void shouldRefuseAStaleVersion() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));
        categories.put(category("RAW"), OptionalLong.empty(), ALICE);
        categories.put(category("REF"), OptionalLong.empty(), ALICE);

        assertThatThrownBy(() -> categories.put(category("STG"), OptionalLong.of(1), ALICE))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("expected version 1 but they are version 2");
    }

    @Test
    void shouldImportNothing_whenTheFileDefinesACategoryTwice_orDependsOnAnUnknownOne() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));
        categories.put(category("RAW"), OptionalLong.empty(), ALICE);

        assertThatThrownBy(() -> categories.importAll(file(category("STG", "RAW"), category("STG")), ALICE))
                .isInstanceOf(InvalidWriteException.class)
                .satisfies(e -> assertThat(((InvalidWriteException) e)
                                .problems()
                                .getFirst()
                                .location())
                        .isEqualTo(new Location("categories.csv", 3)));
        assertThatThrownBy(() -> categories.importAll(file(category("STG", "RAW", "REF")), ALICE))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("REF");
        assertThat(categories.read().definitions()).containsExactly(category("RAW"));
    }

    @Test
    void shouldImportDependenciesOnStoredCategories_andKeepTheOthers() {
        Categories categories = new Categories(newTable(StateTable.SCHEMA));
        categories.put(category("RAW"), OptionalLong.empty(), ALICE);
        categories.put(category("REF"), OptionalLong.empty(), ALICE);

        Categories.Written written = categories.importAll(file(category("STG", "RAW", "REF")), ALICE);

        assertThat(written.created()).isEqualTo(1);
        assertThat(categories.read().definitions())
                .extracting(CategoryDefinition::category)
                .containsExactly("RAW", "REF", "STG");
        assertThat(categories
                        .importAll(file(category("STG", "RAW", "REF")), ALICE)
                        .unchanged())
                .isEqualTo(1);
        assertThat(categories.read().version()).isEqualTo(3);
    }

    @Test
    void shouldNeverLetTwoConcurrentEditsCloseACycle_thatEachAloneWouldNot() throws Exception {
        for (int round = 0; round < 10; round++) {
            Categories categories = new Categories(newTable(StateTable.SCHEMA));
            categories.importAll(file(category("A"), category("B")), ALICE);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.List<Object> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var first = pool.submit(() -> edit(categories, category("A", "B"), start, outcomes));
                var second = pool.submit(() -> edit(categories, category("B", "A"), start, outcomes));
                first.get();
                second.get();
            }

            assertThat(outcomes).as("round %d", round).hasSize(2);
            assertThat(outcomes)
                    .filteredOn(o -> o instanceof Categories.Written)
                    .hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> o instanceof InvalidWriteException)
                    .hasSize(1);
            assertThat(dev.switchyard.contracts.category.CategoryGraph.check(
                            categories.read().definitions()))
                    .isEmpty();
        }
    }

    private static Void edit(
            Categories categories,
            CategoryDefinition definition,
            java.util.concurrent.CyclicBarrier start,
            List<Object> outcomes)
            throws Exception {
        start.await();
        try {
            outcomes.add(categories.put(definition, OptionalLong.empty(), ALICE));
        } catch (InvalidWriteException e) {
            outcomes.add(e);
        }
        return null;
    }
}
