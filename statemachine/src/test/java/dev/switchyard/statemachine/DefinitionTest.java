package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a definition: substitutions, structure checks, and refusing what the local runner would not run as AWS. */
class DefinitionTest {
    /** A Map RunJobs whose iteration is a Task RunJob with an extra field. */
    private static String runJobWith(String field) {
        return """
                {"StartAt": "RunJobs", "States": {
                  "RunJobs": {"Type": "Map", "ItemProcessor": {"StartAt": "RunJob", "States": {
                      "RunJob": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", %s "End": true}}},
                    "End": true}}}""".formatted(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HeartbeatSeconds | \"HeartbeatSeconds\": 60,",
                "HeartbeatSecondsPath | \"HeartbeatSecondsPath\": \"$.h\",",
                "Credentials | \"Credentials\": {\"RoleArn\": \"arn:aws:iam::1:role/r\"},",
                "Arguments | \"Arguments\": {},",
                "Output | \"Output\": {},",
                "Assign | \"Assign\": {\"x\": 1},",
                "QueryLanguage | \"QueryLanguage\": \"JSONata\",",
            })
    void shouldRefuseAnUnsupportedTaskField_namingTheStatePathAndTheField(String field, String json) {
        assertThatThrownBy(() -> Asl.definition(runJobWith(json)))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("RunJobs > RunJob")
                .hasMessageContaining(field)
                .hasMessageContaining("not supported by the local runner");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ItemReader | \"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\"},",
                "ResultWriter | \"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\"},",
                "ItemBatcher | \"ItemBatcher\": {\"MaxItemsPerBatch\": 10},",
                "ToleratedFailurePercentage | \"ToleratedFailurePercentage\": 10,",
                "ToleratedFailureCount | \"ToleratedFailureCount\": 1,",
                "Label | \"Label\": \"x\",",
            })
    void shouldRefuseAnUnsupportedMapField(String field, String json) {
        String definition = """
                {"StartAt": "RunJobs", "States": {"RunJobs": {"Type": "Map", %s
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""".formatted(json);

        assertThatThrownBy(() -> Asl.definition(definition))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("RunJobs: field " + field + " is not supported by the local runner");
    }

    @Test
    void shouldRefuseADistributedMap() {
        String definition = """
                {"StartAt": "RunJobs", "States": {"RunJobs": {"Type": "Map",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""";

        assertThatThrownBy(() -> Asl.definition(definition))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("RunJobs")
                .hasMessageContaining("ExecutionType");
        assertThatThrownBy(() -> Asl.definition(definition.replace(", \"ExecutionType\": \"STANDARD\"", "")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("RunJobs")
                .hasMessageContaining("Mode DISTRIBUTED is not supported by the local runner");
    }

    @Test
    void shouldRefuseJsonataForTheWholeMachine() {
        assertThatThrownBy(
                        () -> Asl.definition(
                                "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("state machine: field QueryLanguage");
    }

    @Test
    void shouldAcceptJsonPathAsTheQueryLanguage() {
        Asl.definition("{\"QueryLanguage\": \"JSONPath\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\","
                + " \"QueryLanguage\": \"JSONPath\", \"End\": true}}}");
    }

    @Test
    void shouldRefuseAnUnknownField_sayingItIsUnknown() {
        assertThatThrownBy(() -> Asl.definition(runJobWith("\"ResultPth\": \"$.x\",")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("RunJobs > RunJob: unknown field ResultPth in a Task state");
    }

    @Test
    void shouldRefuseAnUnknownStateType() {
        assertThatThrownBy(() -> Asl.definition(Asl.single("{\"Type\": \"Sleep\", \"End\": true}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X: field Type Sleep is not a state type");
    }

    @Test
    void shouldListEveryProblem_notOnlyTheFirst() {
        DefinitionException e =
                (DefinitionException) org.assertj.core.api.Assertions.catchThrowable(() -> Asl.definition("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "r", "HeartbeatSeconds": 5, "Next": "B"},
                  "B": {"Type": "Pass", "Next": "Nowhere"}}}"""));

        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("A: field HeartbeatSeconds"))
                .anySatisfy(p -> assertThat(p).contains("B: the transition to Nowhere names no state"));
    }

    @Test
    void shouldRefuseAStartAtThatNamesNoState() {
        assertThatThrownBy(() -> Asl.definition(
                        "{\"StartAt\": \"Missing\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("StartAt Missing names no state");
    }

    @Test
    void shouldRefuseATransitionOutOfTheMapsScope() {
        String definition = """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemProcessor": {"StartAt": "T", "States": {
                      "T": {"Type": "Pass", "Next": "After"}}}, "Next": "After"},
                  "After": {"Type": "Succeed"}}}""";

        assertThatThrownBy(() -> Asl.definition(definition))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("M > T: the transition to After names no state of M ItemProcessor");
    }

    @Test
    void shouldRefuseACatcherOrDefaultThatNamesNoState() {
        assertThatThrownBy(() -> Asl.definition(Asl.single("{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true,"
                        + " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Gone\"}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X: the transition to Gone");
        assertThatThrownBy(
                        () -> Asl.definition(Asl.single("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\","
                                + " \"IsNull\": true, \"Next\": \"X\"}], \"Default\": \"Gone\"}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X: the transition to Gone");
    }

    @Test
    void shouldRefuseAStateNoTransitionReaches() {
        assertThatThrownBy(() -> Asl.definition("""
                        {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "Orphan": {"Type": "Succeed"}}}"""))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("Orphan: no transition");
    }

    @Test
    void shouldRefuseAStateNameUsedTwiceInTheMachine() {
        String definition = """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemProcessor": {"StartAt": "M", "States": {"M": {"Type": "Pass", "End": true}}},
                    "End": true}}}""";

        assertThatThrownBy(() -> Asl.definition(definition))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("unique");
    }

    @Test
    void shouldRefuseStatesAllThatIsNotAloneOrNotLast() {
        assertThatThrownBy(() -> Asl.definition(Asl.single("{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true,"
                        + " \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}, {\"ErrorEquals\": [\"E\"]}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("States.ALL before its last entry");
        assertThatThrownBy(() -> Asl.definition(Asl.single("{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true,"
                        + " \"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"E\"]}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("States.ALL alone");
    }

    @Test
    void shouldRefuseInvalidRetrierValues() {
        assertThatThrownBy(() -> Asl.definition(Asl.single("{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true,"
                        + " \"Retry\": [{\"ErrorEquals\": [\"E\"], \"BackoffRate\": 0.5}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X Retry[0]: field BackoffRate");
        assertThatThrownBy(() -> Asl.definition(Asl.single("{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true,"
                        + " \"Retry\": [{\"ErrorEquals\": [\"E\"], \"JitterStrategy\": \"SAMPLE\"}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("JitterStrategy");
    }

    @Test
    void shouldRefuseAResultPathThatIsNotAReferencePath() {
        assertThatThrownBy(() -> Asl.definition(
                        Asl.single("{\"Type\": \"Pass\", \"ResultPath\": \"$.items[*].x\", \"End\": true}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X: field ResultPath");
        assertThatThrownBy(() ->
                        Asl.definition(Asl.single("{\"Type\": \"Pass\", \"ResultPath\": \"$$.x\", \"End\": true}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X: field ResultPath");
    }

    @Test
    void shouldRefuseATemplateValueThatIsNeitherPathNorIntrinsic() {
        assertThatThrownBy(() -> Asl.definition(
                        Asl.single("{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"plain\"}, \"End\": true}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("X: field Parameters")
                .hasMessageContaining("a.$");
    }

    @Test
    void shouldRefuseAChoiceRuleWithoutAnOperatorOrNext() {
        assertThatThrownBy(() -> Asl.definition(
                        Asl.single("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"Next\": \"X\"}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("exactly one comparison operator");
        assertThatThrownBy(() -> Asl.definition(
                        Asl.single("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"IsNull\": true}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("Next");
        assertThatThrownBy(
                        () -> Asl.definition(
                                Asl.single(
                                        "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"NumericEquals\": \"1\", \"Next\": \"X\"}]}")))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("wrong type");
    }

    @Test
    void shouldSubstitutePlaceholders_andListTheResourcesAfterSubstitution() {
        Definition definition = Definition.parse(
                json("""
                        {"StartAt": "A", "States": {
                          "A": {"Type": "Task", "Resource": "${Fn}", "Parameters": {"Note": "run ${Fn} in ${Env}"},
                                "Next": "B"},
                          "B": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "End": true}}}"""), Map.of("Fn", "arn:aws:lambda:local:000000000000:function:planner", "Env", "dev"));

        assertThat(definition.resources())
                .containsExactly(
                        "arn:aws:lambda:local:000000000000:function:planner", "arn:aws:states:::glue:startJobRun.sync");
    }

    @Test
    void shouldRefuseAPlaceholderWithoutASubstitution() {
        assertThatThrownBy(() -> Definition.parse(
                        json(Asl.single(
                                "{\"Type\": \"Task\", \"Resource\": \"${PlannerFunctionArn}\", \"End\": true}")),
                        Map.of()))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("${PlannerFunctionArn}")
                .hasMessageContaining("/States/X/Resource");
    }

    @Test
    void shouldFailBeforeAnyStateRuns_whenAResourceHasNoBinding() {
        ExecutionResult result = new Asl.Harness().run(runJobWith(""), "{}");

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause())
                .contains("RunJobs > RunJob")
                .contains("arn:aws:states:::glue:startJobRun.sync")
                .contains("no local binding");
        assertThat(result.stateTransitions()).isZero();
    }
}
