package dev.switchyard.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.FieldProblem;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.SkipFlag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeValuesTest {

    private static final SdkBytes BYTES_0_1_2 = SdkBytes.fromByteArray(new byte[] {0, 1, 2});
    private static final SdkBytes BYTES_FF = SdkBytes.fromByteArray(new byte[] {(byte) 0xFF});

    /** Each DynamoDB type, as Attr and as the SDK value it must become. */
    static Stream<Arguments> everyType() {
        return Stream.of(
                pair("S", new Attr.S("Daily é 漢"), AttributeValue.fromS("Daily é 漢")),
                pair(
                        "N",
                        new Attr.N("12345678901234567890123.000001"),
                        AttributeValue.fromN("12345678901234567890123.000001")),
                pair("BOOL", new Attr.Bool(true), AttributeValue.fromBool(true)),
                pair("NULL", new Attr.Null(), AttributeValue.fromNul(true)),
                pair(
                        "L",
                        new Attr.L(List.of(new Attr.S("a"), Attr.n(1), new Attr.Null())),
                        AttributeValue.fromL(List.of(
                                AttributeValue.fromS("a"), AttributeValue.fromN("1"), AttributeValue.fromNul(true)))),
                pair(
                        "M",
                        new Attr.M(Map.of("a", new Attr.Bool(false))),
                        AttributeValue.fromM(Map.of("a", AttributeValue.fromBool(false)))),
                pair("SS", new Attr.SS(List.of("x", "y")), AttributeValue.fromSs(List.of("x", "y"))),
                pair("NS", new Attr.NS(List.of("1", "-2.5")), AttributeValue.fromNs(List.of("-2.5", "1"))),
                pair("B", new Attr.B("AAEC"), AttributeValue.fromB(BYTES_0_1_2)),
                pair("BS", new Attr.BS(List.of("AAEC", "/w==")), AttributeValue.fromBs(List.of(BYTES_0_1_2, BYTES_FF))),
                pair("empty L", new Attr.L(List.of()), AttributeValue.fromL(List.of())),
                pair("empty M", new Attr.M(Map.of()), AttributeValue.fromM(Map.of())));
    }

    private static Arguments pair(String type, Attr attr, AttributeValue value) {
        return Arguments.of(Named.of(type, attr), value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void shouldWriteEachType_asTheSameDynamoDbType(Attr attr, AttributeValue expected) {
        AttributeValue written = AttributeValues.toAttributeValue(attr, "Owner");

        assertThat(written).isEqualTo(expected);
        assertThat(written.type().toString()).isEqualTo(attr.typeName().equals("NULL") ? "NUL" : attr.typeName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void shouldReadEachType_asTheSameAttr(Attr expected, AttributeValue value) {
        assertThat(AttributeValues.toAttr(value, "Owner")).isEqualTo(expected);
    }

    @Test
    void shouldKeepNumberSetType_whenRoundTripped() {
        Attr numbers = new Attr.NS(List.of("3", "1", "2"));

        AttributeValue written = AttributeValues.toAttributeValue(numbers, "Counts");

        assertThat(written.type()).isEqualTo(AttributeValue.Type.NS);
        assertThat(written.hasSs()).isFalse();
        assertThat(AttributeValues.toAttr(written, "Counts")).isEqualTo(numbers);
    }

    @Test
    void shouldKeepNumberText_whenRoundTripped() {
        // A double would turn this into 1.2345678901234568E22.
        Attr big = new Attr.N("12345678901234567890123");

        assertThat(AttributeValues.toAttr(AttributeValues.toAttributeValue(big, "n"), "n"))
                .isEqualTo(big);
    }

    @Test
    void shouldWriteBinary_asTheBytesItsBase64Names() {
        AttributeValue written = AttributeValues.toAttributeValue(new Attr.B("/w=="), "Blob");

        assertThat(written.b().asByteArray()).containsExactly(0xFF);
    }

    @Test
    void shouldReadBinary_asPaddedBase64() {
        Attr read = AttributeValues.toAttr(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1})), "Blob");

        assertThat(read).isEqualTo(new Attr.B("AQ=="));
    }

    @Test
    void shouldRejectBinary_whenItsTextIsNotBase64_namingThePath() {
        Attr item = new Attr.M(Map.of("Blob", new Attr.L(List.of(new Attr.B("AAEC"), new Attr.B("not base64!")))));

        assertThatThrownBy(() -> AttributeValues.toAttributeValue(item, "Notes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Notes.Blob[1]");
        assertThatThrownBy(() -> new Attr.BS(List.of("AAEC", "not base64!"))).hasMessageContaining("not base64");
    }

    @Test
    void shouldKeepAttributeOrder_whenItemRoundTripped() {
        Map<String, Attr> item = new LinkedHashMap<>();
        List<String> names = List.of("z", "JobName", "y", "a", "Owner", "m", "b", "Version", "c", "x", "d", "q", "e");
        for (String name : names) {
            item.put(name, new Attr.S(name));
        }
        Map<String, Attr> nested = new LinkedHashMap<>();
        for (String name : names.reversed()) {
            nested.put(name, Attr.n(name.length()));
        }
        item.put("Nested", new Attr.M(nested));

        Map<String, AttributeValue> written = AttributeValues.toItem(item);
        Map<String, Attr> read = AttributeValues.fromItem(written);

        assertThat(written.keySet()).containsExactlyElementsOf(item.keySet());
        assertThat(read.keySet()).containsExactlyElementsOf(item.keySet());
        assertThat(((Attr.M) read.get("Nested")).values().keySet()).containsExactlyElementsOf(nested.keySet());
        assertThat(read).isEqualTo(item);
    }

    @Test
    void shouldReadSkipFlag_whenItIsBool() {
        ControlTableItem item = AttributeValues.controlTableItem(row("SkipFlag", AttributeValue.fromBool(true)))
                .orThrow();

        assertThat(item.skipFlag()).isEqualTo(new Attr.Bool(true));
        assertThat(SkipFlag.isSkipped(item.skipFlag())).isTrue();
        assertThat(AttributeValues.toItem(item)).containsEntry("SkipFlag", AttributeValue.fromBool(true));
    }

    @Test
    void shouldReadSkipFlag_whenItIsString() {
        ControlTableItem item = AttributeValues.controlTableItem(row("SkipFlag", AttributeValue.fromS("no")))
                .orThrow();

        assertThat(item.skipFlag()).isEqualTo(new Attr.S("no"));
        assertThat(SkipFlag.isSkipped(item.skipFlag())).isFalse();
        assertThat(AttributeValues.toItem(item)).containsEntry("SkipFlag", AttributeValue.fromS("no"));
    }

    @Test
    void shouldReportSkipFlag_whenItIsNeitherStringNorBool() {
        Decoded<ControlTableItem> read = AttributeValues.controlTableItem(row("SkipFlag", AttributeValue.fromN("1")));

        assertThat(problems(read))
                .singleElement()
                .extracting(FieldProblem::column)
                .isEqualTo("SkipFlag");
    }

    @Test
    void shouldReadSeedTableLegacyValues_asStateAndInstant() {
        Map<String, AttributeValue> seed = row("StatusFlag", AttributeValue.fromS("success"));
        seed.put("LastRunTimestamp", AttributeValue.fromS("2026-10-25-T08:00:00Z"));

        ControlTableItem item = AttributeValues.controlTableItem(seed).orThrow();

        assertThat(item.statusFlag()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(item.lastRunTimestamp()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(item.otherColumns()).isEmpty();
    }

    @Test
    void shouldWriteControlTableItem_namedColumnsFirstThenTheOthersInOrder() {
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        stored.put("Owner", AttributeValue.fromS("data-eng"));
        stored.put("Version", AttributeValue.fromN("7"));
        stored.put("JobCategory", AttributeValue.fromS("RAW"));
        stored.put("JobName", AttributeValue.fromS("load_orders"));

        Map<String, AttributeValue> written =
                AttributeValues.toItem(AttributeValues.controlTableItem(stored).orThrow());

        assertThat(written.keySet()).containsExactly("JobName", "JobCategory", "Owner", "Version");
        assertThat(written).containsEntry("Version", AttributeValue.fromN("7"));
    }

    @Test
    void shouldReportMissingJobName_asAProblemRatherThanThrow() {
        Decoded<ControlTableItem> read =
                AttributeValues.controlTableItem(Map.of("JobCategory", AttributeValue.fromS("RAW")));

        assertThat(problems(read)).extracting(FieldProblem::column).containsExactly("JobName");
        assertThatThrownBy(read::orThrow).hasMessageContaining("JobName is missing");
    }

    @Test
    void shouldReadCategory_whenDependsOnIsAStringSet() {
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        stored.put("Category", AttributeValue.fromS("MART"));
        stored.put("DependsOn", AttributeValue.fromSs(List.of("RAW", "STG")));
        stored.put("MaxConcurrency", AttributeValue.fromN("4"));
        stored.put("Owner", AttributeValue.fromS("finance"));

        CategoryDefinition category = AttributeValues.categoryDefinition(stored).orThrow();

        assertThat(category)
                .isEqualTo(new CategoryDefinition(
                        "MART", List.of("RAW", "STG"), 4, Map.of("Owner", new Attr.S("finance"))));
    }

    @Test
    void shouldWriteCategory_withDependsOnAsAListAndMaxConcurrencyAsANumber() {
        Map<String, AttributeValue> written =
                AttributeValues.toItem(CategoryDefinition.of("MART", List.of("RAW", "STG"), 4));

        assertThat(written)
                .containsExactly(
                        Map.entry("Category", AttributeValue.fromS("MART")),
                        Map.entry(
                                "DependsOn",
                                AttributeValue.fromL(
                                        List.of(AttributeValue.fromS("RAW"), AttributeValue.fromS("STG")))),
                        Map.entry("MaxConcurrency", AttributeValue.fromN("4")));
    }

    @Test
    void shouldRejectValue_whenNoTypeIsSet_namingTheAttribute() {
        Map<String, AttributeValue> stored =
                row("Owner", AttributeValue.builder().build());

        assertThatThrownBy(() -> AttributeValues.controlTableItem(stored))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Owner: ")
                .hasMessageContaining("UNKNOWN_TO_SDK_VERSION");
    }

    @Test
    void shouldRejectValue_whenItsTypeIsUnknown_namingThePathInsideMapsAndLists() {
        List<AttributeValue> tags = new ArrayList<>();
        tags.add(AttributeValue.fromS("ok"));
        tags.add(AttributeValue.fromM(Map.of("bad", AttributeValue.builder().build())));
        Map<String, AttributeValue> stored =
                Map.of("Notes", AttributeValue.fromM(Map.of("tags", AttributeValue.fromL(tags))));

        assertThatThrownBy(() -> AttributeValues.fromItem(stored))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Notes.tags[1].bad: ");
    }

    @Test
    void shouldRejectValue_whenMoreThanOneTypeIsSet() {
        AttributeValue ambiguous = AttributeValue.builder().s("1").n("1").build();

        assertThatThrownBy(() -> AttributeValues.toAttr(ambiguous, "Version"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Version: ");
    }

    @Test
    void shouldRejectValue_whenItsTypeIsSetButItsMemberIsNull() {
        AttributeValue nulled = AttributeValue.fromS("x").toBuilder().s(null).build();

        assertThatThrownBy(() -> AttributeValues.toAttr(nulled, "Owner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Owner: S value is null");
    }

    @Test
    void shouldRejectNumber_whenItsTextIsNotANumber_namingThePath() {
        assertThatThrownBy(() -> AttributeValues.fromItem(Map.of("Counts", AttributeValue.fromNs(List.of("1", "one")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Counts: ")
                .hasMessageContaining("one");
    }

    private static List<FieldProblem> problems(Decoded<?> read) {
        return switch (read) {
            case Decoded.Invalid<?> invalid -> invalid.problems();
            case Decoded.Ok<?> ok -> fail("expected problems, read " + ok.value());
        };
    }

    /** A valid row with one more column. */
    private static Map<String, AttributeValue> row(String column, AttributeValue value) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        row.put("JobName", AttributeValue.fromS("load_orders"));
        row.put("JobCategory", AttributeValue.fromS("RAW"));
        row.put(column, value);
        return row;
    }
}
