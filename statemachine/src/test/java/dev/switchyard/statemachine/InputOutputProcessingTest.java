package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static dev.switchyard.statemachine.Asl.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The worked examples of asl-io-examples.md §0–§10: InputPath, Parameters, ResultSelector, ResultPath, OutputPath. */
class InputOutputProcessingTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction";

    private final Asl.Harness harness = new Asl.Harness();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    /** Binds LAMBDA to a fake that records its effective input and answers the result. */
    private void lambdaReturns(String result) {
        JsonNode node = json(result);
        harness.bind(LAMBDA, call -> {
            received.add(call.input());
            return node;
        });
    }

    private static String task(String fields) {
        return single("{\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", " + fields + " \"End\": true}");
    }

    private JsonNode output(String definition, String input) {
        ExecutionResult result = harness.run(definition, input);
        assertThat(result.error()).as("error, cause %s", result.cause()).isNull();
        return result.output();
    }

    @Test
    void shouldOverwriteTheNodeAtResultPath_whenItExists() {
        String pass = single("{\"Type\": \"Pass\", \"Result\": 6, \"ResultPath\": \"$.master.detail\", \"End\": true}");

        assertThat(output(pass, "{ \"master\": { \"detail\": [1, 2, 3] } }"))
                .isEqualTo(json("{ \"master\": { \"detail\": 6 } }"));
    }

    @Test
    void shouldCreateTheFieldAtResultPath_whenItDoesNotExist() {
        String pass =
                single("{\"Type\": \"Pass\", \"Result\": 6, \"ResultPath\": \"$.master.result.sum\", \"End\": true}");

        assertThat(output(pass, "{ \"master\": { \"detail\": [1, 2, 3] } }"))
                .isEqualTo(json("{ \"master\": { \"detail\": [1, 2, 3], \"result\": { \"sum\": 6 } } }"));
    }

    @Test
    void shouldSendTheInputPathSelectionToTheTask_andMergeTheResultIntoTheRawInput() {
        lambdaReturns("7");

        JsonNode output = output(
                task("\"InputPath\": \"$.numbers\", \"ResultPath\": \"$.sum\","),
                "{ \"title\": \"Numbers to add\", \"numbers\": { \"val1\": 3, \"val2\": 4 } }");

        assertThat(received).containsExactly(json("{ \"val1\": 3, \"val2\": 4 }"));
        assertThat(output)
                .isEqualTo(json(
                        "{ \"title\": \"Numbers to add\", \"numbers\": { \"val1\": 3, \"val2\": 4 }, \"sum\": 7 }"));
    }

    @Test
    void shouldConstructInterveningObjects_whenResultPathGoesDeeperThanTheInput() {
        lambdaReturns("\"Hi!\"");

        assertThat(output(task("\"ResultPath\": \"$.b.greeting\","), "{ \"a\": 1 }"))
                .isEqualTo(json("{ \"a\": 1, \"b\": { \"greeting\": \"Hi!\" } }"));
    }

    @Test
    void shouldPlaceAPassStatesResultAtItsResultPath() {
        String pass = single("""
                {"Type": "Pass",
                 "Result": { "x-datum": 0.381018, "y-datum": 622.2269926397355 },
                 "ResultPath": "$.coords",
                 "End": true}""");

        assertThat(output(pass, "{ \"georefOf\": \"Home\" }"))
                .isEqualTo(
                        json(
                                "{ \"georefOf\": \"Home\", \"coords\": { \"x-datum\": 0.381018, \"y-datum\": 622.2269926397355 } }"));
    }

    @Test
    void shouldPassTheInputOn_whenAPassStateHasNoResult() {
        assertThat(output(single("{\"Type\": \"Pass\", \"End\": true}"), "{ \"a\": [1, {\"b\": null}] }"))
                .isEqualTo(json("{ \"a\": [1, {\"b\": null}] }"));
    }

    @Test
    void shouldRenderTheSpecsPayloadTemplate_withPathsContextPathsAndAnIntrinsic() throws Exception {
        PayloadTemplate template = PayloadTemplate.parse(json("""
                {
                  "flagged": true,
                  "parts": { "first.$": "$.vals[0]", "last3.$": "$.vals[-3:]" },
                  "weekday.$": "$$.DayOfWeek",
                  "formattedOutput.$": "States.Format('Today is {}', $$.DayOfWeek)"
                }"""));

        JsonNode rendered = template.render(new Eval(
                json("{ \"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50] }"),
                json("{ \"DayOfWeek\": \"TUESDAY\" }"),
                new java.util.SplittableRandom(1)));

        assertThat(rendered)
                .isEqualTo(json("{ \"flagged\": true, \"parts\": { \"first\": 0, \"last3\": [30, 40, 50] },"
                        + " \"weekday\": \"TUESDAY\", \"formattedOutput\": \"Today is TUESDAY\" }"));
    }

    @Test
    void shouldSendOnlyTheSelectedDataset_whenInputPathSelectsIt() {
        lambdaReturns("{}");

        output(task("\"InputPath\": \"$.dataset2\","), """
                { "comment": "Example for InputPath.",
                  "dataset1": { "val1": 1, "val2": 2, "val3": 3 },
                  "dataset2": { "val1": "a", "val2": "b", "val3": "c" } }""");

        assertThat(received).containsExactly(json("{ \"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\" }"));
    }

    @Test
    void shouldGatherTheMatchesIntoAnArray_whenInputPathIsASlice() {
        lambdaReturns("{}");

        output(task("\"InputPath\": \"$.a[0:2]\","), "{ \"a\": [1, 2, 3, 4] }");

        assertThat(received).containsExactly(json("[1, 2]"));
    }

    @Test
    void shouldGatherTheMatchesIntoAnArray_whenAParameterPathIsAUnion() {
        lambdaReturns("{}");

        output(task("\"Parameters\": {\"picked.$\": \"$.a[0,1]\"},"), "{ \"a\": [1, 2, 3, 4] }");

        assertThat(received).containsExactly(json("{\"picked\": [1, 2]}"));
    }

    @Test
    void shouldKeepStaticFieldsAndSelectDynamicOnes_whenParametersMixThem() {
        lambdaReturns("{}");

        output(task("""
                        "Parameters": {
                          "comment": "Selecting what I care about.",
                          "MyDetails": { "size.$": "$.product.details.size", "exists.$": "$.product.availability",
                                         "StaticValue": "foo" } },"""), """
                { "comment": "Example for Parameters.",
                  "product": { "details": { "color": "blue", "size": "small", "material": "cotton" },
                               "availability": "in stock", "sku": "2317", "cost": "$23" } }""");

        assertThat(received)
                .containsExactly(json("{ \"comment\": \"Selecting what I care about.\", \"MyDetails\": "
                        + "{ \"size\": \"small\", \"exists\": \"in stock\", \"StaticValue\": \"foo\" } }"));
    }

    @Test
    void shouldSelectFromTheTaskResult_thenPlaceTheSelectionAtResultPath() {
        lambdaReturns("""
                { "resourceType": "elasticmapreduce", "resource": "createCluster.sync",
                  "output": { "SdkHttpMetadata": { "HttpHeaders": { "Content-Length": "1112",
                    "Content-Type": "application/x-amz-JSON-1.1", "Date": "Mon, 25 Nov 2019 19:41:29 GMT",
                    "x-amzn-RequestId": "1234-5678-9012" }, "HttpStatusCode": 200 },
                    "SdkResponseMetadata": { "RequestId": "1234-5678-9012" }, "ClusterId": "AKIAIOSFODNN7EXAMPLE" } }""");

        JsonNode output = output(task("""
                        "ResultSelector": { "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" },
                        "ResultPath": "$.EMROutput","""), "{ \"OtherDataFromInput\": {} }");

        assertThat(output)
                .isEqualTo(json("{ \"OtherDataFromInput\": {}, \"EMROutput\": "
                        + "{ \"ResourceType\": \"elasticmapreduce\", \"ClusterId\": \"AKIAIOSFODNN7EXAMPLE\" } }"));
    }

    private static final String HELLO_INPUT = "{ \"comment\": \"An input comment.\", \"data\": { \"val1\": 23, "
            + "\"val2\": 17 }, \"extra\": \"foo\", \"lambda\": { \"who\": \"AWS Step Functions\" } }";

    @Test
    void shouldMergeTheResultIntoTheRawInput_beforeOutputPathApplies() {
        lambdaReturns("\"Hello, AWS Step Functions!\"");

        JsonNode output =
                output(task("\"InputPath\": \"$.lambda\", \"ResultPath\": \"$.data.lambdaresult\","), HELLO_INPUT);

        assertThat(received).containsExactly(json("{\"who\": \"AWS Step Functions\"}"));
        assertThat(output)
                .isEqualTo(json("{ \"comment\": \"An input comment.\", \"data\": { \"val1\": 23, \"val2\": 17, "
                        + "\"lambdaresult\": \"Hello, AWS Step Functions!\" }, \"extra\": \"foo\", "
                        + "\"lambda\": { \"who\": \"AWS Step Functions\" } }"));
    }

    @Test
    void shouldApplyInputPathResultPathAndOutputPathTogether() {
        lambdaReturns("\"Hello, AWS Step Functions!\"");

        JsonNode output = output(
                task(
                        "\"InputPath\": \"$.lambda\", \"ResultPath\": \"$.data.lambdaresult\", \"OutputPath\": \"$.data\","),
                HELLO_INPUT);

        assertThat(output)
                .isEqualTo(json("{ \"val1\": 23, \"val2\": 17, \"lambdaresult\": \"Hello, AWS Step Functions!\" }"));
    }

    private static final String TEST_INPUT =
            "{ \"comment\": \"This is a test\", \"details\": \"Default example\", \"who\" : \"Step Functions\" }";

    @Test
    void shouldReplaceTheInputWithTheResult_whenResultPathIsTheRoot() {
        lambdaReturns("\"Hello, Step Functions!\"");

        assertThat(output(task("\"ResultPath\": \"$\","), TEST_INPUT)).isEqualTo(json("\"Hello, Step Functions!\""));
    }

    @Test
    void shouldReplaceTheInputWithTheResult_whenResultPathIsAbsent() {
        lambdaReturns("\"Hello, Step Functions!\"");

        assertThat(output(task(""), TEST_INPUT)).isEqualTo(json("\"Hello, Step Functions!\""));
    }

    @Test
    void shouldDiscardTheResult_whenResultPathIsNull() {
        lambdaReturns("\"Hello, Step Functions!\"");

        assertThat(output(task("\"ResultPath\": null,"), TEST_INPUT)).isEqualTo(json(TEST_INPUT));
    }

    private static final String TASK_INPUT =
            "{\"comment\": \"This is a test of the input and output of a Task state.\","
                    + " \"details\": \"Default example\", \"who\": \"AWS Step Functions\"}";

    @Test
    void shouldAddTheResultBesideTheInput_whenResultPathNamesANewField() {
        lambdaReturns("\"Hello, AWS Step Functions!\"");

        assertThat(output(task("\"ResultPath\": \"$.taskresult\","), TASK_INPUT))
                .isEqualTo(json("{\"comment\": \"This is a test of the input and output of a Task state.\","
                        + " \"details\": \"Default example\", \"who\": \"AWS Step Functions\","
                        + " \"taskresult\": \"Hello, AWS Step Functions!\"}"));
    }

    @Test
    void shouldAddTheResultInsideANestedObject_whenResultPathNamesAFieldOfIt() {
        lambdaReturns("\"Hello, AWS Step Functions!\"");

        assertThat(output(
                        task("\"ResultPath\": \"$.strings.lambdaresult\","),
                        "{ \"comment\": \"An input comment.\", \"strings\": { \"string1\": \"foo\", \"string2\": "
                                + "\"bar\", \"string3\": \"baz\" }, \"who\": \"AWS Step Functions\" }"))
                .isEqualTo(json("{ \"comment\": \"An input comment.\", \"strings\": { \"string1\": \"foo\", "
                        + "\"string2\": \"bar\", \"string3\": \"baz\", \"lambdaresult\": \"Hello, AWS Step Functions!\" },"
                        + " \"who\": \"AWS Step Functions\" }"));
    }

    @Test
    void shouldOverwriteAnExistingField_whenResultPathNamesIt() {
        lambdaReturns("\"Hello, AWS Step Functions!\"");

        assertThat(output(task("\"ResultPath\": \"$.comment\","), TASK_INPUT))
                .isEqualTo(json("{\"comment\": \"Hello, AWS Step Functions!\", \"details\": \"Default example\","
                        + " \"who\": \"AWS Step Functions\"}"));
    }

    @Test
    void shouldGiveTheTaskAnEmptyObject_whenInputPathIsNull() {
        lambdaReturns("1");

        output(task("\"InputPath\": null, \"ResultPath\": null,"), "{\"a\": 1}");

        assertThat(received).containsExactly(json("{}"));
    }

    @Test
    void shouldOutputAnEmptyObject_whenOutputPathIsNull() {
        lambdaReturns("1");

        assertThat(output(task("\"OutputPath\": null,"), "{\"a\": 1}")).isEqualTo(json("{}"));
    }

    @Test
    void shouldLeaveTheCallersInputUntouched_whenResultPathWritesIntoIt() {
        JsonNode input = json("{\"a\": {\"b\": 1}}");
        String pass = single("{\"Type\": \"Pass\", \"Result\": 2, \"ResultPath\": \"$.a.c\", \"End\": true}");

        ExecutionResult result = harness.runner().execute(Asl.definition(pass), Asl.ARN, "untouched", input);

        assertThat(result.output()).isEqualTo(json("{\"a\": {\"b\": 1, \"c\": 2}}"));
        assertThat(input).isEqualTo(json("{\"a\": {\"b\": 1}}"));
    }

    @Test
    void shouldFailWithResultPathMatchFailure_whenTheInputIsAString() {
        String pass = single("{\"Type\": \"Pass\", \"Result\": 1, \"ResultPath\": \"$.x\", \"End\": true}");

        ExecutionResult result = harness.run(pass, "\"foo\"");

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(result.error()).isEqualTo("States.ResultPathMatchFailure");
        assertThat(result.cause()).contains("$.x").contains("\"foo\"");
    }

    @Test
    void shouldFailTheExecutionWithStatesRuntime_whenAParameterPathSelectsNothing_evenUnderACatchAll() {
        lambdaReturns("1");

        String definition = "{\"StartAt\": \"X\", \"States\": {"
                + "\"X\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA
                + "\", \"Parameters\": {\"x.$\": \"$.missing\"},"
                + " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}], \"End\": true},"
                + " \"Caught\": {\"Type\": \"Succeed\"}}}";
        ExecutionResult result = harness.run(definition, "{\"a\": 1}");

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause())
                .contains("The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input");
        assertThat(received).isEmpty();
    }

    @Test
    void shouldTreatAnIndexPastTheEndAsMissing_notAsNull() {
        lambdaReturns("1");

        ExecutionResult result = harness.run(task("\"Parameters\": {\"x.$\": \"$.a[5]\"},"), "{\"a\": [1]}");

        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void shouldYieldAnEmptyArray_whenAFilterMatchesNothing() {
        lambdaReturns("1");

        output(task("\"Parameters\": {\"x.$\": \"$[?(@.Failed)]\"}, \"ResultPath\": null,"), "[{}, {\"a\": 1}]");

        assertThat(received).containsExactly(json("{\"x\": []}"));
    }
}
