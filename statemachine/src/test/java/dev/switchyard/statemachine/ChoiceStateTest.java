package dev.switchyard.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Choice Rules: every comparison operator, the Path forms, the type tests, And/Or/Not and Default. */
class ChoiceStateTest {
    private final Asl.Harness harness = new Asl.Harness();

    /** Goes to Yes when the rule matches, else to No (the Default). */
    private String choose(String rule, String input) {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                  "Yes": {"Type": "Pass", "Result": "yes", "End": true},
                  "No": {"Type": "Pass", "Result": "no", "End": true}}}""".formatted(rule.replaceFirst("\\}\\s*$", ", \"Next\": \"Yes\"}"));
        ExecutionResult result = harness.run(definition, input);
        assertThat(result.error()).as("cause %s", result.cause()).isNull();
        return result.output().textValue();
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "StringEquals | \"abc\" | \"abc\" | yes",
                "StringEquals | \"abc\" | \"abd\" | no",
                "StringEquals | \"1\" | 1 | no",
                "StringLessThan | \"b\" | \"a\" | yes",
                "StringLessThan | \"b\" | \"b\" | no",
                "StringGreaterThan | \"b\" | \"c\" | yes",
                "StringLessThanEquals | \"b\" | \"b\" | yes",
                "StringGreaterThanEquals | \"b\" | \"a\" | no",
                "NumericEquals | 5 | 5.0 | yes",
                "NumericEquals | 5 | \"5\" | no",
                "NumericLessThan | 5 | 4.99 | yes",
                "NumericGreaterThan | 0 | 1 | yes",
                "NumericGreaterThan | 0 | 0 | no",
                "NumericLessThanEquals | 5 | 5 | yes",
                "NumericGreaterThanEquals | 5 | 4 | no",
                "BooleanEquals | true | true | yes",
                "BooleanEquals | true | \"true\" | no",
                "TimestampEquals | \"2026-11-30T06:00:00Z\" | \"2026-11-30T07:00:00+01:00\" | yes",
                "TimestampLessThan | \"2026-11-30T06:00:00Z\" | \"2026-11-30T05:59:59.999Z\" | yes",
                "TimestampGreaterThan | \"2026-11-30T06:00:00Z\" | \"2026-11-30T06:00:00Z\" | no",
                "TimestampLessThanEquals | \"2026-11-30T06:00:00Z\" | \"2026-11-30T06:00:00Z\" | yes",
                "TimestampGreaterThanEquals | \"2026-11-30T06:00:00Z\" | \"2026-11-30T06:00:01Z\" | yes",
                "TimestampEquals | \"2026-11-30T06:00:00Z\" | \"2026-11-30t06:00:00z\" | no",
                "IsNull | true | null | yes",
                "IsNull | true | 0 | no",
                "IsNumeric | true | 1.5 | yes",
                "IsNumeric | false | \"1\" | yes",
                "IsString | true | \"x\" | yes",
                "IsBoolean | true | false | yes",
                "IsTimestamp | true | \"2026-11-30T06:00:00Z\" | yes",
                "IsTimestamp | true | \"2026-11-30\" | no",
                "StringMatches | \"log-*.txt\" | \"log-2026.txt\" | yes",
                "StringMatches | \"log-*.txt\" | \"log-2026.csv\" | no",
                "StringMatches | \"*\" | \"\" | yes",
                "StringMatches | \"a\\\\*b\" | \"a*b\" | yes",
                "StringMatches | \"a\\\\*b\" | \"axb\" | no",
                "StringMatches | \"a\\\\\\\\*\" | \"a\\\\anything\" | yes",
            })
    void shouldCompareTheVariableWithTheOperand(String operator, String operand, String value, String expected) {
        assertThat(choose("{\"Variable\": \"$.v\", \"" + operator + "\": " + operand + "}", "{\"v\": " + value + "}"))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "StringEqualsPath | \"a\" | \"a\" | yes",
                "StringLessThanPath | \"a\" | \"b\" | yes",
                "StringGreaterThanPath | \"a\" | \"b\" | no",
                "StringLessThanEqualsPath | \"b\" | \"b\" | yes",
                "StringGreaterThanEqualsPath | \"c\" | \"b\" | yes",
                "NumericEqualsPath | 2 | 2 | yes",
                "NumericLessThanPath | 1 | 2 | yes",
                "NumericGreaterThanPath | 1 | 2 | no",
                "NumericLessThanEqualsPath | 3 | 2 | no",
                "NumericGreaterThanEqualsPath | 2 | 2 | yes",
                "BooleanEqualsPath | false | false | yes",
                "TimestampEqualsPath | \"2026-01-01T00:00:00Z\" | \"2026-01-01T00:00:00Z\" | yes",
                "TimestampLessThanPath | \"2026-01-01T00:00:00Z\" | \"2026-01-02T00:00:00Z\" | yes",
                "TimestampGreaterThanPath | \"2026-01-01T00:00:00Z\" | \"2026-01-02T00:00:00Z\" | no",
                "TimestampLessThanEqualsPath | \"2026-01-03T00:00:00Z\" | \"2026-01-02T00:00:00Z\" | no",
                "TimestampGreaterThanEqualsPath | \"2026-01-03T00:00:00Z\" | \"2026-01-02T00:00:00Z\" | yes",
                "NumericEqualsPath | 2 | \"2\" | no",
            })
    void shouldCompareWithAnotherValueOfTheInput_inThePathForms(
            String operator, String value, String other, String expected) {
        assertThat(choose(
                        "{\"Variable\": \"$.v\", \"" + operator + "\": \"$.other\"}",
                        "{\"v\": " + value + ", \"other\": " + other + "}"))
                .isEqualTo(expected);
    }

    @Test
    void shouldCombineRulesWithAndOrNot() {
        String rule = """
                {"And": [
                  {"Variable": "$.n", "NumericGreaterThanEquals": 10},
                  {"Or": [{"Variable": "$.s", "StringEquals": "a"}, {"Not": {"Variable": "$.b", "BooleanEquals": true}}]}
                ]}""";

        assertThat(choose(rule, "{\"n\": 10, \"s\": \"a\", \"b\": true}")).isEqualTo("yes");
        assertThat(choose(rule, "{\"n\": 10, \"s\": \"z\", \"b\": false}")).isEqualTo("yes");
        assertThat(choose(rule, "{\"n\": 10, \"s\": \"z\", \"b\": true}")).isEqualTo("no");
        assertThat(choose(rule, "{\"n\": 9, \"s\": \"a\", \"b\": false}")).isEqualTo("no");
    }

    @Test
    void shouldTellPresentFromAbsent_withIsPresent() {
        assertThat(choose("{\"Variable\": \"$.v\", \"IsPresent\": true}", "{\"v\": null}"))
                .isEqualTo("yes");
        assertThat(choose("{\"Variable\": \"$.v\", \"IsPresent\": true}", "{}")).isEqualTo("no");
        assertThat(choose("{\"Variable\": \"$.v\", \"IsPresent\": false}", "{}"))
                .isEqualTo("yes");
    }

    @Test
    void shouldFailWithStatesRuntime_whenTheVariableIsMissing() {
        String definition = Asl.single("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.v\", "
                + "\"NumericEquals\": 1, \"Next\": \"X\"}], \"Default\": \"X\"}");

        ExecutionResult result = harness.run(definition, "{}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("$.v");
    }

    @Test
    void shouldTakeTheFirstMatchingChoice_inOrder() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                      {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "First"},
                      {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Second"}]},
                  "First": {"Type": "Pass", "Result": 1, "End": true},
                  "Second": {"Type": "Pass", "Result": 2, "End": true}}}""";

        assertThat(harness.run(definition, "{\"n\": 5}").output().intValue()).isEqualTo(1);
        assertThat(harness.run(definition, "{\"n\": 1}").output().intValue()).isEqualTo(2);
    }

    @Test
    void shouldPassTheInputOnThroughInputPathAndOutputPath() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "InputPath": "$.in", "OutputPath": "$.keep",
                        "Choices": [{"Variable": "$.n", "IsNumeric": true, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""";

        assertThat(harness.run(definition, "{\"in\": {\"n\": 1, \"keep\": [1]}}")
                        .output())
                .isEqualTo(Asl.json("[1]"));
    }
}
