package dev.switchyard.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.Update;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The expressions written for the port's conditions, updates and key conditions. */
class ExpressionWriterTest {

    @Test
    void shouldPutEverySegmentBehindAPlaceholder_reusingItForTheSameName() {
        ExpressionWriter writer = new ExpressionWriter("PK");

        String expression = writer.condition(Condition.and(
                Condition.compare(Path.of("Jobs", "A.b", "Status"), Condition.Op.GE, new Attr.S("x")),
                Condition.exists("Status")));

        assertThat(expression).isEqualTo("(#n0.#n1.#n2 >= :v0 AND attribute_exists(#n2))");
        assertThat(writer.names())
                .containsExactly(Map.entry("#n0", "Jobs"), Map.entry("#n1", "A.b"), Map.entry("#n2", "Status"));
        assertThat(writer.values()).containsExactly(Map.entry(":v0", AttributeValue.fromS("x")));
    }

    @Test
    void shouldWriteNoCondition_whenItAlwaysHolds() {
        ExpressionWriter writer = new ExpressionWriter("PK");

        assertThat(writer.condition(Condition.ALWAYS)).isNull();
        assertThat(writer.condition(Condition.and(Condition.and(), Condition.and(Condition.and()))))
                .isNull();
        assertThat(writer.names()).isEmpty();
    }

    @Test
    void shouldWriteTruthOnTheGivenAttribute_whenAnAlwaysTrueConditionIsNested() {
        assertThat(new ExpressionWriter("PK").condition(Condition.not(Condition.ALWAYS)))
                .isEqualTo("(NOT (attribute_exists(#n0) OR attribute_not_exists(#n0)))");
        assertThat(new ExpressionWriter("PK").condition(Condition.or(Condition.exists("A"), Condition.ALWAYS)))
                .isEqualTo("(attribute_exists(#n0) OR attribute_not_exists(#n0))");
        assertThat(new ExpressionWriter("PK").condition(Condition.and(Condition.ALWAYS, Condition.exists("A"))))
                .isEqualTo("attribute_exists(#n0)");
    }

    @Test
    void shouldWriteEveryKindOfCondition() {
        ExpressionWriter writer = new ExpressionWriter("PK");

        String expression = writer.condition(Condition.or(
                Condition.not(Condition.notExists("A")),
                new Condition.BeginsWith(Path.of("A"), "p"),
                new Condition.Contains(Path.of("A"), new Attr.S("c")),
                Condition.compare(Path.of("A"), Condition.Op.NE, Attr.n(1))));

        assertThat(expression)
                .isEqualTo("((NOT attribute_not_exists(#n0)) OR begins_with(#n0, :v0) OR contains(#n0, :v1)"
                        + " OR #n0 <> :v2)");
    }

    @Test
    void shouldGroupUpdateActionsByClause() {
        ExpressionWriter writer = new ExpressionWriter("PK");

        String expression = writer.update(Update.builder()
                .set("A", new Attr.S("a"))
                .remove("R")
                .add("N", Attr.n(1))
                .setIfNotExists("F", new Attr.S("f"))
                .delete("S", new Attr.SS(List.of("x")))
                .build());

        assertThat(expression)
                .isEqualTo("SET #n0 = :v0, #n3 = if_not_exists(#n3, :v2) REMOVE #n1 ADD #n2 :v1 DELETE #n4 :v3");
    }

    @Test
    void shouldWriteEachSortCondition() {
        assertThat(keyCondition(Query.SortCondition.ALL)).isEqualTo("#n0 = :v0");
        assertThat(keyCondition(Query.SortCondition.of(Query.SortCondition.Kind.LE, "x")))
                .isEqualTo("#n0 = :v0 AND #n1 <= :v1");
        assertThat(keyCondition(Query.SortCondition.beginsWith("x"))).isEqualTo("#n0 = :v0 AND begins_with(#n1, :v1)");
        assertThat(keyCondition(Query.SortCondition.between("a", "b")))
                .isEqualTo("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
    }

    @Test
    void shouldRefuseASortCondition_whenThereIsNoSortKey() {
        assertThatThrownBy(() ->
                        new ExpressionWriter("PK").keyCondition("PK", "p", null, Query.SortCondition.beginsWith("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String keyCondition(Query.SortCondition sort) {
        return new ExpressionWriter("PK").keyCondition("PK", "p", "SK", sort);
    }
}
