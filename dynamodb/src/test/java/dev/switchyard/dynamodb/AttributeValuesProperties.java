package dev.switchyard.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.Items;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items, categories and single values survive the trip through the SDK's AttributeValue unchanged. */
class AttributeValuesProperties {

    @Provide
    Arbitrary<ControlTableItem> dynamoItems() {
        return Items.dynamoItems();
    }

    @Provide
    Arbitrary<CategoryDefinition> categories() {
        Arbitrary<String> names = Arbitraries.of("RAW", "STG", "MART", "Daily_Sales", "Finance Ops", "2026");
        return Combinators.combine(
                        names,
                        names.set().ofMaxSize(4),
                        Arbitraries.integers().between(1, CategoryDefinition.MAX_CONCURRENCY_LIMIT),
                        Arbitraries.maps(Arbitraries.of("Owner", "Schedule", "Notes", "Version"), values())
                                .ofMaxSize(3))
                .as((name, upstream, maxConcurrency, others) -> {
                    List<String> dependsOn = new ArrayList<>(upstream);
                    dependsOn.remove(name);
                    return new CategoryDefinition(name, dependsOn, maxConcurrency, new LinkedHashMap<>(others));
                });
    }

    /** Any DynamoDB value, nested two deep, with binaries of any bytes. */
    @Provide
    Arbitrary<Attr> values() {
        Arbitrary<String> base64 =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(5).map(Base64.getEncoder()::encodeToString);
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                // DynamoDB numbers: at most 38 digits (Attr.N refuses more).
                Arbitraries.bigDecimals()
                        .between(new java.math.BigDecimal("-1E+30"), new java.math.BigDecimal("1E+30"))
                        .ofScale(4)
                        .map(Object::toString),
                Arbitraries.of("1E+3", "-0.000", "12345678901234567890123456789012345678"));
        Arbitrary<Attr> scalars = Arbitraries.oneOf(
                Items.texts().map(Attr.S::new),
                Arbitraries.strings().ofMaxLength(3).map(Attr.S::new),
                numbers.map(Attr.N::new),
                Arbitraries.of(true, false).map(Attr.Bool::new),
                Arbitraries.just(new Attr.Null()),
                base64.map(Attr.B::new),
                Items.texts().list().ofMinSize(1).ofMaxSize(3).uniqueElements().map(Attr.SS::new),
                numbers.list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements(n -> new Attr.N(n))
                        .map(Attr.NS::new),
                base64.list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements(b -> new Attr.B(b))
                        .map(Attr.BS::new));
        Arbitrary<Attr> shallow = containersOf(scalars);
        return containersOf(Arbitraries.oneOf(scalars, shallow));
    }

    private static Arbitrary<Attr> containersOf(Arbitrary<Attr> elements) {
        return Arbitraries.oneOf(
                elements,
                elements.list().ofMaxSize(3).map(Attr.L::new),
                Arbitraries.maps(Items.texts(), elements).ofMaxSize(3).map(m -> new Attr.M(new LinkedHashMap<>(m))));
    }

    // Records compare maps without regard to order; their toString shows every map in its order, nested
    // ones too, so comparing it checks that the order survived as well.

    @Property
    void shouldKeepControlTableItem_whenRoundTrippedThroughAttributeValues(
            @ForAll("dynamoItems") ControlTableItem item) {
        Map<String, AttributeValue> written = AttributeValues.toItem(item);
        ControlTableItem read = AttributeValues.controlTableItem(written).orThrow();

        assertThat(written.keySet())
                .containsExactlyElementsOf(item.toAttributes().keySet());
        assertThat(read).isEqualTo(item);
        assertThat(read.toString()).isEqualTo(item.toString());
    }

    @Property
    void shouldKeepCategoryDefinition_whenRoundTrippedThroughAttributeValues(
            @ForAll("categories") CategoryDefinition category) {
        Map<String, AttributeValue> written = AttributeValues.toItem(category);
        CategoryDefinition read = AttributeValues.categoryDefinition(written).orThrow();

        assertThat(read).isEqualTo(category);
        assertThat(read.toAttributes().toString())
                .isEqualTo(category.toAttributes().toString());
    }

    @Property
    void shouldKeepAnyValue_whenRoundTripped(@ForAll("values") Attr value) {
        AttributeValue written = AttributeValues.toAttributeValue(value, "v");

        assertThat(written.type().toString()).isEqualTo(value.typeName().equals("NULL") ? "NUL" : value.typeName());
        assertThat(AttributeValues.toAttr(written, "v")).isEqualTo(value);
        assertThat(AttributeValues.toAttr(written, "v").toString()).isEqualTo(value.toString());
    }
}
