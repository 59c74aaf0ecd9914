package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The intrinsic functions, with the examples of the spec's Appendix B (asl-io-examples.md §14) and the AWS guide. */
class IntrinsicFunctionsTest {
    private final Asl.Harness harness = new Asl.Harness();

    /** Runs a Pass state whose Parameters are the template, and returns its output. */
    private ExecutionResult pass(String parameters, String input) {
        return harness.run(
                Asl.single("{\"Type\": \"Pass\", \"Parameters\": " + parameters + ", \"End\": true}"), input);
    }

    private JsonNode output(String parameters, String input) {
        ExecutionResult result = pass(parameters, input);
        assertThat(result.error()).as("cause %s", result.cause()).isNull();
        return result.output();
    }

    @Test
    void shouldFormatPathsAndLiterals() {
        assertThat(output(
                        "{\"foo.$\": \"States.Format('Your name is {}, we are in the year {}', $.name, 2020)\"}",
                        "{ \"name\": \"Foo\", \"zebra\": \"stripe\" }"))
                .isEqualTo(json("{ \"foo\": \"Your name is Foo, we are in the year 2020\" }"));
    }

    @Test
    void shouldParseJsonText_withStringToJson() {
        assertThat(output(
                        "{\"foo.$\": \"States.StringToJson($.someString)\"}",
                        "{ \"someString\": \"{\\\"number\\\": 20}\", \"zebra\": \"stripe\" }"))
                .isEqualTo(json("{ \"foo\": { \"number\": 20 } }"));
    }

    @Test
    void shouldWriteCompactJsonText_withJsonToString() {
        assertThat(output(
                        "{\"foo.$\": \"States.JsonToString($.someJson)\"}",
                        "{ \"someJson\": { \"name\": \"Foo\", \"year\": 2020 }, \"zebra\": \"stripe\" }"))
                .isEqualTo(json("{ \"foo\": \"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\" }"));
    }

    @Test
    void shouldBuildAnArrayOfItsArguments() {
        assertThat(output(
                        "{\"foo.$\": \"States.Array('Foo', 2020, $.someJson, null)\"}",
                        "{ \"someJson\": { \"random\": \"abcdefg\" }, \"zebra\": \"stripe\" }"))
                .isEqualTo(json("{ \"foo\": [ \"Foo\", 2020, { \"random\": \"abcdefg\" }, null ] }"));
    }

    @Test
    void shouldPartitionAnArrayIntoChunks() {
        assertThat(output(
                        "{ \"inputArray.$\": \"States.ArrayPartition($.inputArray,4)\" }",
                        "{ \"inputArray\": [1,2,3,4,5,6,7,8,9] }"))
                .isEqualTo(json("{ \"inputArray\": [ [1,2,3,4], [5,6,7,8], [9]] }"));
    }

    @Test
    void shouldMergeShallowly_theSecondObjectWinning() {
        assertThat(output(
                        "{ \"output.$\": \"States.JsonMerge($.json1, $.json2, false)\" }",
                        "{ \"json1\": { \"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2 },"
                                + " \"json2\": { \"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3 } }"))
                .isEqualTo(json("{ \"output\": { \"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3 } }"));
    }

    @Test
    void shouldRefuseADeepMerge_asAwsDoes() {
        ExecutionResult result =
                pass("{ \"output.$\": \"States.JsonMerge($.a, $.b, true)\" }", "{\"a\": {}, \"b\": {}}");

        assertThat(result.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(result.cause()).contains("States.JsonMerge").contains("argument 3");
    }

    @Test
    void shouldSplitOnAComma() {
        assertThat(output(
                        "{ \"array.$\": \"States.StringSplit($.inputString, $.splitter)\" }",
                        "{ \"inputString\": \"1,2,3,4,5\", \"splitter\": \",\" }"))
                .isEqualTo(json("{ \"array\": [\"1\",\"2\",\"3\",\"4\",\"5\"] }"));
    }

    @Test
    void shouldSplitOnEachDelimitingCharacter() {
        assertThat(output(
                        "{ \"array.$\": \"States.StringSplit($.s, '.+,=')\" }", "{ \"s\": \"This.is+a,test=string\" }"))
                .isEqualTo(json("{ \"array\": [\"This\", \"is\", \"a\", \"test\", \"string\"] }"));
    }

    @Test
    void shouldEncodeBase64() {
        assertThat(output("{ \"base64.$\": \"States.Base64Encode($.input)\" }", "{ \"input\": \"Data to encode\" }"))
                .isEqualTo(json("{ \"base64\": \"RGF0YSB0byBlbmNvZGU=\" }"));
    }

    @Test
    void shouldDecodeBase64() {
        assertThat(output(
                        "{ \"data.$\": \"States.Base64Decode($.base64)\" }",
                        "{ \"base64\": \"RGF0YSB0byBlbmNvZGU=\" }"))
                .isEqualTo(json("{ \"data\": \"Data to encode\" }"));
    }

    @Test
    void shouldFail_whenBase64InputIsLongerThanTenThousandCharacters() {
        ExecutionResult result =
                pass("{ \"b.$\": \"States.Base64Encode($.s)\" }", "{ \"s\": \"" + "a".repeat(10_001) + "\" }");

        assertThat(result.error()).isEqualTo("States.IntrinsicFailure");
    }

    /** Digests of "input data" from sha1sum and friends; the AWS guide's SHA-1 example lost a digit. */
    @ParameterizedTest
    @CsvSource({
        "MD5, 812f45842bc6d66ee14572ce20db8e86",
        "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
        "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
        "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
        "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"
    })
    void shouldHashWithTheNamedAlgorithm(String algorithm, String hex) {
        JsonNode output = output(
                "{ \"output.$\": \"States.Hash($.Data, $.Algorithm)\" }",
                "{ \"Data\": \"input data\", \"Algorithm\": \"" + algorithm + "\" }");

        assertThat(output).isEqualTo(json("{\"output\": \"" + hex + "\"}"));
    }

    @Test
    void shouldRefuseAnUnknownHashAlgorithm() {
        assertThat(pass("{ \"h.$\": \"States.Hash('x', 'SHA-3')\" }", "{}").error())
                .isEqualTo("States.IntrinsicFailure");
    }

    @Test
    void shouldTellWhetherAnArrayContainsAValue() {
        assertThat(output(
                        "{ \"contains.$\": \"States.ArrayContains($.inputArray, $.lookingFor)\" }",
                        "{ \"inputArray\": [1,2,3,4,5,6,7,8,9], \"lookingFor\": 5 }"))
                .isEqualTo(json("{ \"contains\": true }"));
        assertThat(output("{ \"c.$\": \"States.ArrayContains($.a, 'x')\" }", "{ \"a\": [\"y\"] }"))
                .isEqualTo(json("{ \"c\": false }"));
    }

    @Test
    void shouldBuildARange() {
        assertThat(output("{ \"array.$\": \"States.ArrayRange(1, 9, 2)\" }", "{}"))
                .isEqualTo(json("{ \"array\": [1,3,5,7,9] }"));
    }

    @Test
    void shouldRefuseARangeOfMoreThanAThousandItems() {
        assertThat(pass("{ \"array.$\": \"States.ArrayRange(1, 1001, 1)\" }", "{}")
                        .error())
                .isEqualTo("States.IntrinsicFailure");
        assertThat(output("{ \"array.$\": \"States.ArrayLength(States.ArrayRange(1, 1000, 1))\" }", "{}"))
                .isEqualTo(json("{ \"array\": 1000 }"));
    }

    @Test
    void shouldGetAnItemByIndex() {
        assertThat(output(
                        "{ \"item.$\": \"States.ArrayGetItem($.inputArray, $.index)\" }",
                        "{ \"inputArray\": [1,2,3,4,5,6,7,8,9], \"index\": 5 }"))
                .isEqualTo(json("{ \"item\": 6 }"));
    }

    @Test
    void shouldFailNamingTheFunctionAndArgument_whenTheIndexIsOutOfRange() {
        ExecutionResult result = pass("{ \"item.$\": \"States.ArrayGetItem($.a, 3)\" }", "{ \"a\": [1, 2, 3] }");

        assertThat(result.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(result.cause()).contains("States.ArrayGetItem").contains("argument 2");
    }

    @Test
    void shouldCountAnArraysItems() {
        assertThat(output(
                        "{ \"length.$\": \"States.ArrayLength($.inputArray)\" }",
                        "{ \"inputArray\": [1,2,3,4,5,6,7,8,9] }"))
                .isEqualTo(json("{ \"length\": 9 }"));
    }

    @Test
    void shouldRemoveDuplicates_keepingTheFirstOfEach() {
        assertThat(output(
                        "{ \"array.$\": \"States.ArrayUnique($.inputArray)\" }",
                        "{\"inputArray\": [1,2,3,3,3,3,3,3,4] }"))
                .isEqualTo(json("{ \"array\": [1,2,3,4] }"));
    }

    @Test
    void shouldAddTwoIntegers() {
        assertThat(output(
                        "{ \"value1.$\": \"States.MathAdd($.value1, $.step)\" }", "{ \"value1\": 111, \"step\": -1 }"))
                .isEqualTo(json("{ \"value1\": 110 }"));
    }

    @Test
    void shouldDrawARandomNumberInRange_andTheSameOneForTheSameSeed() {
        for (int i = 0; i < 50; i++) {
            int random = output("{ \"r.$\": \"States.MathRandom($.start, $.end)\" }", "{ \"start\": 1, \"end\": 999 }")
                    .get("r")
                    .intValue();
            assertThat(random).isBetween(1, 998);
        }
        JsonNode seeded = output("{ \"r.$\": \"States.MathRandom(1, 1000000, 1234)\" }", "{}");
        assertThat(output("{ \"r.$\": \"States.MathRandom(1, 1000000, 1234)\" }", "{}"))
                .isEqualTo(seeded);
    }

    @Test
    void shouldMakeAVersion4Uuid() {
        String uuid =
                output("{ \"uuid.$\": \"States.UUID()\" }", "{}").get("uuid").textValue();

        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void shouldKeepEscapedBracesAndQuotes_andFillOnlyRealPlaceholders() {
        // In JSON, \\{ is the intrinsic escape \{.
        assertThat(output(
                        "{\"s.$\": \"States.Format('\\\\{literal\\\\} {} it\\\\'s \\\\\\\\', $.v)\"}", "{\"v\": true}"))
                .isEqualTo(json("{\"s\": \"{literal} true it's \\\\\"}"));
    }

    @Test
    void shouldEvaluateNestedCalls() {
        assertThat(output(
                        "{\"s.$\": \"States.Format('{} of {}: {}', States.ArrayLength($.f), States.MathAdd(1, 2), "
                                + "States.JsonToString($.f[0:1]))\"}",
                        "{\"f\": [{\"a\": 1}, {\"b\": 2}]}"))
                .isEqualTo(json("{\"s\": \"2 of 3: [{\\\"a\\\":1}]\"}"));
    }

    @Test
    void shouldReadTheContextObject_inAnArgument() {
        assertThat(output("{\"s.$\": \"States.Format('{}', $$.Execution.Name)\"}", "{}"))
                .isEqualTo(json("{\"s\": \"test-execution\"}"));
    }

    @Test
    void shouldFail_whenFormatHasMorePlaceholdersThanArguments() {
        ExecutionResult result = pass("{\"s.$\": \"States.Format('{} {}', 1)\"}", "{}");

        assertThat(result.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(result.cause()).contains("States.Format").contains("argument 1");
    }

    @Test
    void shouldFail_whenFormatGetsAnObject() {
        ExecutionResult result = pass("{\"s.$\": \"States.Format('{}', $.o)\"}", "{\"o\": {}}");

        assertThat(result.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(result.cause()).contains("argument 2");
    }

    @Test
    void shouldFailTheExecutionWithStatesRuntime_whenAnArgumentPathSelectsNothing() {
        ExecutionResult result = pass("{\"s.$\": \"States.ArrayLength($.missing)\"}", "{}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("States.ArrayLength").contains("$.missing");
    }

    @Test
    void shouldRejectAnUnknownFunctionOrWrongArity_whenTheDefinitionIsRead() {
        assertThatThrownBy(() -> Asl.definition(Asl.single(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Nope(1)\"}, \"End\": true}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X")
                .hasMessageContaining("States.Nope");
        assertThatThrownBy(
                        () -> Asl.definition(
                                Asl.single(
                                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.ArrayLength(1, 2)\"}, \"End\": true}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("takes 1 argument");
        assertThatThrownBy(() -> Asl.definition(Asl.single(
                        "{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"States.Format('\\\\n')\"}, \"End\": true}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("open escape");
    }
}
