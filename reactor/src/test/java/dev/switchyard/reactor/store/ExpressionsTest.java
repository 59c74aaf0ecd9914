package dev.switchyard.reactor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.attr.Attr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cases where dynalite, the DynamoDB-API server the contract suite runs against, differs from DynamoDB, so
 * the embedded stores' evaluator is pinned to DynamoDB's behaviour here instead (evidence: ScyllaDB's
 * DynamoDB-compatibility tests, which run against DynamoDB itself, test/alternator/test_item.py and
 * test_update_expression.py).
 */
class ExpressionsTest {
    private static final TableSchema SCHEMA = ItemTableContract.COMPOSITE;
    private static final Map<String, Attr> KEY = Map.of("PK", new Attr.S("P"), "SK", new Attr.S("S"));

    @Test
    void shouldMakeNoItem_whenAnUpdateOfAMissingItemOnlyRemoves() {
        InMemoryItemTable table = new InMemoryItemTable(SCHEMA);

        WriteResult result = table.update(
                KEY,
                Update.builder()
                        .remove("A")
                        .delete("Tags", new Attr.SS(List.of("x")))
                        .add(new Update.Remove(Path.of("M", "k")))
                        .build(),
                Condition.ALWAYS);

        assertThat(result).isEqualTo(new WriteResult.Applied(Map.of()));
        assertThat(table.get(KEY)).isEmpty();
        assertThat(table.size()).isZero();
    }

    @Test
    void shouldRefuseToRemoveANestedPath_whoseParentIsNotAMap_onAnExistingItem() {
        Map<String, Attr> item = Map.of("PK", new Attr.S("P"), "SK", new Attr.S("S"), "A", new Attr.S("text"));

        assertThatThrownBy(() -> Expressions.apply(
                        SCHEMA,
                        KEY,
                        Update.builder()
                                .add(new Update.Remove(Path.of("A", "x")))
                                .build(),
                        item))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid for update");
        assertThatThrownBy(() -> Expressions.apply(
                        SCHEMA,
                        KEY,
                        Update.builder()
                                .add(new Update.Remove(Path.of("B", "x")))
                                .build(),
                        item))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindBytesInsideABinary_withContains() {
        Map<String, Attr> item = Map.of("D", new Attr.B("aGkgdGhlcmU=")); // "hi there"

        assertThat(Expressions.test(new Condition.Contains(Path.of("D"), new Attr.B("aGVyZQ==")), item))
                .isTrue(); // "here"
        assertThat(Expressions.test(new Condition.Contains(Path.of("D"), new Attr.B("eHl6")), item))
                .isFalse(); // "xyz"
    }
}
