package dev.switchyard.contracts.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttrTest {

    @Test
    void shouldCompareNumbersByValue_asDynamoDbReturnsThem() {
        assertThat(new Attr.N("1.50")).isEqualTo(new Attr.N("15E-1")).isEqualTo(new Attr.N("1.5"));
        assertThat(new Attr.N("100").value()).isEqualTo("100");
        assertThat(new Attr.N("0.000").value()).isEqualTo("0");
        assertThat(new Attr.N("-7E+2").value()).isEqualTo("-700");
    }

    @Test
    void shouldRefuseTextThatIsNotANumber() {
        assertThatThrownBy(() -> new Attr.N("12abc")).hasMessage("not a number: '12abc'");
        assertThatThrownBy(() -> new Attr.NS(java.util.List.of("1", "x"))).hasMessageContaining("'x'");
    }

    @Test
    void shouldRefuseNumbersDynamoDbCannotHold() {
        assertThatThrownBy(() -> new Attr.N("1E+126")).hasMessageContaining("out of DynamoDB's range");
        assertThatThrownBy(() -> new Attr.N("1E-131")).hasMessageContaining("out of DynamoDB's range");
        assertThatThrownBy(() -> new Attr.N("1".repeat(39))).hasMessageContaining("at most 38 digits");
        assertThat(new Attr.N("9.9E+125").value()).hasSize(126);
        assertThat(new Attr.N("1".repeat(38)).value()).hasSize(38);
        assertThat(new Attr.N("-1E-130").value()).startsWith("-0.000");
    }

    @Test
    void shouldNameEveryDynamoDbType() {
        assertThat(new Attr.Bool(true).typeName()).isEqualTo("BOOL");
        assertThat(new Attr.Null().typeName()).isEqualTo("NULL");
        assertThat(new Attr.SS(java.util.List.of("a")).typeName()).isEqualTo("SS");
    }

    @Test
    void shouldReadAndWriteDynamoDbJsonWithPathsInErrors() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var image = mapper.readTree(
                "{\"JobName\":{\"S\":\"JOB1\"},\"Version\":{\"N\":\"3\"},\"Tags\":{\"L\":[{\"S\":\"a\"},{\"N\":\"x\"}]}}");
        assertThatThrownBy(() -> DynamoJson.readItem(image)).hasMessage("Tags[1]: not a number: 'x'");
        var ok = mapper.readTree(
                "{\"SkipFlag\":{\"BOOL\":true},\"Owner\":{\"NULL\":true},\"Ids\":{\"NS\":[\"1\",\"2\"]}}");
        assertThat(DynamoJson.writeItem(DynamoJson.readItem(ok))).isEqualTo(ok);
        assertThatThrownBy(() -> DynamoJson.readItem(mapper.readTree("{\"A\":{\"Q\":\"1\"}}")))
                .hasMessage("A: unknown DynamoDB type 'Q'");
        assertThatThrownBy(() -> DynamoJson.readItem(mapper.readTree("{\"A\":{\"S\":1}}")))
                .hasMessage("A: S must be a string");
    }

    @Test
    void shouldTreatSetsAsSets_equalWhateverTheOrder() {
        assertThat(new Attr.SS(java.util.List.of("b", "a"))).isEqualTo(new Attr.SS(java.util.List.of("a", "b")));
        assertThat(new Attr.NS(java.util.List.of("10", "9", "1.50")).values()).containsExactly("1.5", "9", "10");
        assertThat(new Attr.BS(java.util.List.of("/w==", "AAEC")))
                .isEqualTo(new Attr.BS(java.util.List.of("AAEC", "/w==")));
    }

    @Test
    void shouldRefuseEmptySetsAndDuplicates_asDynamoDbDoes() {
        assertThatThrownBy(() -> new Attr.SS(java.util.List.of())).hasMessageContaining("may not be empty");
        assertThatThrownBy(() -> new Attr.SS(java.util.List.of("a", "a"))).hasMessageContaining("'a' twice");
        assertThatThrownBy(() -> new Attr.NS(java.util.List.of("1", "1.0"))).hasMessageContaining("'1' twice");
        assertThatThrownBy(() -> new Attr.BS(java.util.List.of("AAEC", "AAEC"))).hasMessageContaining("twice");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThatThrownBy(() -> DynamoJson.readItem(mapper.readTree("{\"Tags\":{\"SS\":[]}}")))
                .hasMessage("Tags: a string set may not be empty (DynamoDB has no empty sets)");
    }
}
