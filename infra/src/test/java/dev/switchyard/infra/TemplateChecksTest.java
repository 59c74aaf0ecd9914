package dev.switchyard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.ingest.lambda.Wiring;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each check of TemplateTest fails when it should: on small templates written for the purpose, or on the
 * real template changed in one place. The problems name where in the template they are.
 */
class TemplateChecksTest {

    private static List<String> problems(String yaml) {
        Map<String, Object> written = CfnYaml.parse(yaml);
        return TemplateChecks.all(written, ForEach.expand(written, Map.of())).stream()
                .map(Problem::toString)
                .toList();
    }

    /** A fresh copy of the real template, expanded, for a test to change. */
    private static Map<String, Object> real() throws IOException {
        return ForEach.expand(CfnYaml.parse(Files.readString(Repository.template())), Map.of());
    }

    private static Map<String, Object> properties(Map<String, Object> template, String id) {
        return Nodes.map(Nodes.at(template, "Resources", id, "Properties").orElseThrow());
    }

    @Nested
    class ShortFormTags {
        @Test
        void shouldTurnEveryTagIntoItsLongForm() {
            Map<String, Object> parsed = CfnYaml.parse("""
                    A: !Ref X
                    B: !GetAtt R.Arn
                    C: !GetAtt [R, SnapStartResponse.ApplyOn]
                    D: !Sub "${X}-y"
                    E: !Sub ["${V}", {V: !Ref X}]
                    F: !If [C1, !Not [!Equals [a, b]], !And [!Condition C2, !Or [!Condition C3, !Condition C4]]]
                    G: !Select [0, !Split [",", !Join ["", [a, b]]]]
                    H: !FindInMap [M, K, V]
                    I: !ImportValue Exported
                    J: !GetAZs ""
                    K: !Base64 text
                    L: !GetAtt R.SnapStartResponse.ApplyOn
                    """);

            assertThat(parsed.get("A")).isEqualTo(Map.of("Ref", "X"));
            assertThat(parsed.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("R", "Arn")));
            assertThat(parsed.get("C")).isEqualTo(Map.of("Fn::GetAtt", List.of("R", "SnapStartResponse.ApplyOn")));
            assertThat(parsed.get("L")).isEqualTo(parsed.get("C"));
            assertThat(parsed.get("D")).isEqualTo(Map.of("Fn::Sub", "${X}-y"));
            assertThat(parsed.get("E")).isEqualTo(Map.of("Fn::Sub", List.of("${V}", Map.of("V", Map.of("Ref", "X")))));
            assertThat(parsed.get("F"))
                    .isEqualTo(Map.of(
                            "Fn::If",
                            List.of(
                                    "C1",
                                    Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of("a", "b")))),
                                    Map.of(
                                            "Fn::And",
                                            List.of(
                                                    Map.of("Condition", "C2"),
                                                    Map.of(
                                                            "Fn::Or",
                                                            List.of(
                                                                    Map.of("Condition", "C3"),
                                                                    Map.of("Condition", "C4"))))))));
            assertThat(parsed.get("G"))
                    .isEqualTo(Map.of(
                            "Fn::Select",
                            List.of(
                                    0,
                                    Map.of(
                                            "Fn::Split",
                                            List.of(",", Map.of("Fn::Join", List.of("", List.of("a", "b"))))))));
            assertThat(parsed.get("H")).isEqualTo(Map.of("Fn::FindInMap", List.of("M", "K", "V")));
            assertThat(parsed.get("I")).isEqualTo(Map.of("Fn::ImportValue", "Exported"));
            assertThat(parsed.get("J")).isEqualTo(Map.of("Fn::GetAZs", ""));
            assertThat(parsed.get("K")).isEqualTo(Map.of("Fn::Base64", "text"));
        }

        @Test
        void shouldRefuseAGetAttWithoutAttribute() {
            assertThatThrownBy(() -> CfnYaml.parse("A: !GetAtt Resource")).hasMessageContaining("Resource.Attribute");
        }

        @Test
        void shouldRefuseDuplicateKeys() {
            assertThatThrownBy(() -> CfnYaml.parse("A: 1\nA: 2")).hasMessageContaining("duplicate key");
        }
    }

    @Nested
    class References {
        private static final String BASE = """
                Parameters:
                  Name: {Type: String}
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Ref Name
                """;

        @Test
        void shouldAcceptAConsistentTemplate() {
            assertThat(problems(BASE)).isEmpty();
        }

        @Test
        void shouldReportADanglingRefWithItsPath() {
            assertThat(problems(BASE.replace("!Ref Name", "!Ref Nmae") + "      Tags: [{Key: k, Value: !Ref Name}]\n"))
                    .containsExactly("Resources.Queue.Properties.QueueName: Ref to Nmae, which is no parameter,"
                            + " resource or pseudo parameter");
        }

        @Test
        void shouldAcceptPseudoParametersAndResources() {
            assertThat(problems(BASE + """
                              Other:
                                Type: AWS::SQS::Queue
                                Properties:
                                  QueueName: !Join ["-", [!Ref AWS::StackName, !Ref Queue, !Ref AWS::Region]]
                            """)).isEmpty();
        }

        @Test
        void shouldReportARefToAResourceInACondition() {
            assertThat(problems(BASE + """
                            Conditions:
                              Odd: !Equals [!Ref Queue, x]
                            """))
                    .contains("Conditions.Odd.Fn::Equals[0]: Ref to Queue in a condition: conditions can refer to"
                            + " parameters only");
        }

        @Test
        void shouldReportAGetAttOfAMissingResourceOrAttribute() {
            assertThat(problems(BASE + """
                            Outputs:
                              A: {Value: !GetAtt Queue.Url}
                              B: {Value: !GetAtt [Missing, Arn]}
                              C: {Value: !GetAtt Queue.QueueUrl}
                            """))
                    .containsExactly(
                            "Outputs.A.Value: attribute Url of Queue: AWS::SQS::Queue has only [Arn, QueueName, QueueUrl]",
                            "Outputs.B.Value: attribute Arn of Missing, which is no resource");
        }

        @Test
        void shouldReportAGetAttOfATypeWithoutAttributeTable() {
            assertThat(problems(BASE.replace("AWS::SQS::Queue", "AWS::SNS::Topic")
                            + "Outputs:\n  A: {Value: !GetAtt Queue.TopicArn}\n"))
                    .singleElement()
                    .asString()
                    .startsWith(
                            "Outputs.A.Value: attribute TopicArn of Queue: the attributes of AWS::SNS::Topic are not"
                                    + " known here");
        }

        @Test
        void shouldReportAnUnresolvedSubVariableButNotALiteral() {
            assertThat(problems(BASE + """
                            Outputs:
                              A: {Value: !Sub "${Name}-${AWS::Region}-${Queue}-${Queue.Arn}-${!Literal}"}
                              B: {Value: !Sub ["${Local}-${Name}", {Local: x}]}
                              C: {Value: !Sub "${Nope}"}
                              D: {Value: !Sub "${Queue.Nope}"}
                            """))
                    .containsExactly(
                            "Outputs.C.Value: Fn::Sub variable ${Nope} is no parameter, resource, pseudo parameter or"
                                    + " variable of the Sub",
                            "Outputs.D.Value: attribute Nope of Queue: AWS::SQS::Queue has only [Arn, QueueName, QueueUrl]");
        }

        @Test
        void shouldReportUndefinedAndUnusedConditions() {
            assertThat(problems(BASE.replace(
                                    "    Type: AWS::SQS::Queue", "    Type: AWS::SQS::Queue\n    Condition: Missing")
                            + """
                            Conditions:
                              Unused: !Equals [!Ref Name, x]
                            Outputs:
                              A: {Value: !If [AlsoMissing, a, b]}
                            """))
                    .containsExactlyInAnyOrder(
                            "Outputs.A.Value.Fn::If[0]: condition AlsoMissing is not defined in Conditions",
                            "Resources.Queue.Condition: condition Missing is not defined in Conditions",
                            "Conditions.Unused: is defined but never used");
        }

        @Test
        void shouldReportADependsOnThatNamesNoResource() {
            assertThat(problems(BASE.replace(
                            "    Type: AWS::SQS::Queue", "    Type: AWS::SQS::Queue\n    DependsOn: [Gone]")))
                    .containsExactly("Resources.Queue.DependsOn: names Gone, which is no resource");
        }

        @Test
        void shouldReportAnUnusedParameter() {
            assertThat(problems(BASE.replace("Parameters:\n", "Parameters:\n  Spare: {Type: String}\n")))
                    .containsExactly("Parameters.Spare: is never used");
        }
    }

    @Nested
    class Loops {
        private static final String LOOP = """
                Parameters:
                  Names: {Type: CommaDelimitedList, Default: "a-1,b_2"}
                Resources:
                  Fn::ForEach::Queues:
                    - Item
                    - !Ref Names
                    - "Queue&{Item}":
                        Type: AWS::SQS::Queue
                        Properties:
                          QueueName: !Sub "q-${Item}"
                          Tags: [{Key: name, Value: !Ref Item}]
                """;

        @Test
        void shouldExpandEachItemWithItsLogicalIdAndValues() {
            Map<String, Object> expanded = ForEach.expand(CfnYaml.parse(LOOP), Map.of());

            assertThat(Nodes.map(expanded.get("Resources"))).containsOnlyKeys("Queuea1", "Queueb2");
            assertThat(Nodes.at(expanded, "Resources", "Queueb2", "Properties", "QueueName"))
                    .contains(Map.of("Fn::Sub", "q-b_2"));
            assertThat(Nodes.at(expanded, "Resources", "Queuea1", "Properties", "Tags"))
                    .contains(List.of(Map.of("Key", "name", "Value", "a-1")));
            assertThat(problems(LOOP)).as("the parameter is used by the loop").isEmpty();
        }

        @Test
        void shouldTakeTheParameterValueGiven() {
            Map<String, Object> expanded = ForEach.expand(CfnYaml.parse(LOOP), Map.of("Names", "x"));

            assertThat(Nodes.map(expanded.get("Resources"))).containsOnlyKeys("Queuex");
        }

        @Test
        void shouldRefuseAnOutputKeyWithoutTheIdentifier() {
            assertThatThrownBy(() -> ForEach.expand(CfnYaml.parse(LOOP.replace("Queue&{Item}", "Queue")), Map.of()))
                    .hasMessageContaining("Resources.Fn::ForEach::Queues: the OutputKey Queue uses neither");
        }

        @Test
        void shouldReportAResourceOfTheLoopThatRefersToNothing() {
            assertThat(problems(LOOP.replace("!Ref Item", "!Ref Itme")))
                    .containsExactly(
                            "Resources.Queuea1.Properties.Tags[0].Value: Ref to Itme, which is no parameter, resource or"
                                    + " pseudo parameter",
                            "Resources.Queueb2.Properties.Tags[0].Value: Ref to Itme, which is no parameter, resource or"
                                    + " pseudo parameter");
        }
    }

    @Nested
    class Deployment {
        @Test
        void shouldReportATableThatDiffersFromItsSchema() throws IOException {
            Map<String, Object> template = real();
            Map<String, Object> index =
                    Nodes.map(Nodes.list(properties(template, "ControlTable").get("GlobalSecondaryIndexes"))
                            .get(0));
            index.put("IndexName", "ByCategory");
            properties(template, "StateTable").remove("TimeToLiveSpecification");
            properties(template, "StateTable").put("StreamSpecification", Map.of("StreamViewType", "KEYS_ONLY"));
            Nodes.map(Nodes.map(template.get("Resources")).get("StateTable")).remove("DeletionPolicy");

            assertThat(DeploymentChecks.table(template, "ControlTable", ControlTable.SCHEMA))
                    .extracting(Problem::toString)
                    .containsExactly("Resources.ControlTable.Properties.GlobalSecondaryIndexes names: is [ByCategory],"
                            + " expected [JobCategory-index]");
            assertThat(DeploymentChecks.table(template, "StateTable", StateTable.SCHEMA))
                    .extracting(Problem::toString)
                    .containsExactly(
                            "Resources.StateTable.Properties.StreamSpecification.StreamViewType: is KEYS_ONLY, expected null",
                            "Resources.StateTable.Properties.TimeToLiveSpecification.AttributeName: is null, expected ExpiresAt",
                            "Resources.StateTable.Properties.TimeToLiveSpecification.Enabled: is null, expected true",
                            "Resources.StateTable.DeletionPolicy: is null, expected Retain");
        }

        @Test
        void shouldReportAPolicyNamingAnIndexNoTableHas() throws IOException {
            Map<String, Object> template = real();

            assertThat(DeploymentChecks.indexArns(template, Set.of("ByTime")))
                    .extracting(Problem::path)
                    .contains(
                            "Resources.PlannerRole.Properties.Policies[0].PolicyDocument.Statement[1].Resource.Fn::Sub");
        }

        @Test
        void shouldReportAHandlerClassOrMethodThatDoesNotExist() throws IOException {
            Map<String, Object> template = real();
            properties(template, "ReactorFunction")
                    .put("Handler", "dev.switchyard.ingest.lambda.NoSuchHandler::handleRequest");
            properties(template, "ReconcileFunction")
                    .put("Handler", "dev.switchyard.ingest.lambda.Wiring::handleRequest");

            assertThat(DeploymentChecks.handlers(template, getClass().getClassLoader()))
                    .extracting(Problem::toString)
                    .contains(
                            "Resources.ReactorFunction.Properties.Handler: no class"
                                    + " dev.switchyard.ingest.lambda.NoSuchHandler on the class path of the ingest module",
                            "Resources.ReconcileFunction.Properties.Handler: dev.switchyard.ingest.lambda.Wiring has no"
                                    + " public method handleRequest");
        }

        @Test
        void shouldReportAVariableNothingReadsAndOneLambdaReserves() throws IOException {
            Map<String, Object> template = real();
            Map<String, Object> variables =
                    Nodes.map(Nodes.at(properties(template, "TableStreamFunction"), "Environment", "Variables")
                            .orElseThrow());
            variables.put("SWITCHYARD_TABEL", "x");
            variables.put("AWS_REGION", "eu-west-1");
            Set<String> known = DeploymentChecks.constants(Wiring.class);

            assertThat(DeploymentChecks.environment(template, known))
                    .extracting(Problem::path)
                    .contains(
                            "Resources.TableStreamFunction.Properties.Environment.Variables.SWITCHYARD_TABEL",
                            "Resources.TableStreamFunction.Properties.Environment.Variables.AWS_REGION");
        }

        @Test
        void shouldReportARoleWithAnActionNotExpectedOrMissing() throws IOException {
            Map<String, Object> template = real();
            Map<String, Set<String>> expected = new java.util.HashMap<>(DeploymentChecks.roleActions(template));
            Set<String> planner = new java.util.TreeSet<>(expected.get("PlannerRole"));
            planner.remove("dynamodb:PutItem");
            planner.add("dynamodb:BatchWriteItem");
            expected.put("PlannerRole", planner);
            expected.put("NoSuchRole", Set.of("sqs:SendMessage"));

            assertThat(DeploymentChecks.actions(template, expected))
                    .extracting(Problem::toString)
                    .containsExactlyInAnyOrder(
                            "Resources.PlannerRole.Properties.Policies: allows unexpected [dynamodb:PutItem]; lacks"
                                    + " expected [dynamodb:BatchWriteItem]",
                            "Resources.NoSuchRole: is expected but not in the template");
        }

        @Test
        void shouldCountTheActionsOfAConditionalStatement() throws IOException {
            Map<String, Object> template = real();
            Map<String, Set<String>> expected = new java.util.HashMap<>(TemplateTest.SERVICE_ROLE_ACTIONS);
            expected.put(
                    "ReactorRole",
                    DeploymentChecks.statements(
                                    Nodes.at(
                                                    Nodes.list(properties(template, "ReactorRole")
                                                                    .get("Policies"))
                                                            .get(0),
                                                    "PolicyDocument")
                                            .orElseThrow(),
                                    "")
                            .stream()
                            .filter(s -> !s.path().contains("Fn::If"))
                            .flatMap(s -> s.actions().stream())
                            .collect(java.util.stream.Collectors.toSet()));

            assertThat(DeploymentChecks.actions(template, expected))
                    .extracting(Problem::toString)
                    .containsExactly("Resources.ReactorRole.Properties.Policies: allows unexpected [events:PutEvents]");
        }

        @Test
        void shouldReportAFunctionWhoseRoleIsNotOneOfTheTemplatesRoles() throws IOException {
            Map<String, Object> template = real();
            properties(template, "ReconcileFunction").put("Role", "arn:aws:iam::123456789012:role/elsewhere");

            assertThatThrownBy(() -> DeploymentChecks.functionRoles(template))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Resources.ReconcileFunction.Properties.Role");
        }

        @Test
        void shouldReportAnOnFailureDestinationThatIsNoQueue() throws IOException {
            Map<String, Object> template = real();
            Nodes.map(Nodes.at(properties(template, "ReactorInvokeConfig"), "DestinationConfig", "OnFailure")
                            .orElseThrow())
                    .put("Destination", "arn:aws:sns:eu-west-1:123456789012:alerts");

            assertThatThrownBy(() -> DeploymentChecks.platformUses(template))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Resources.ReactorInvokeConfig");
        }

        @Test
        void shouldReportEveryResourceOutsideLogDeliveryAndWildcardActions() throws IOException {
            Map<String, Object> template = real();
            Map<String, Object> statement = Nodes.map(DeploymentChecks.statements(
                            Nodes.at(
                                            Nodes.list(properties(template, "TableStreamRole")
                                                            .get("Policies"))
                                                    .get(0),
                                            "PolicyDocument")
                                    .orElseThrow(),
                            "")
                    .get(1)
                    .body());
            statement.put("Resource", "*");
            statement.put("Action", new ArrayList<>(List.of("dynamodb:*", "dynamodb:GetRecords")));

            assertThat(DeploymentChecks.iam(template, TemplateTest.EVERY_RESOURCE_ALLOWED))
                    .extracting(Problem::toString)
                    .contains(
                            "Resources.TableStreamRole.Properties.Policies[0].PolicyDocument.Statement[1].Action:"
                                    + " dynamodb:* is a wildcard",
                            "Resources.TableStreamRole.Properties.Policies[0].PolicyDocument.Statement[1].Resource: \"*\""
                                    + " for [dynamodb:*, dynamodb:GetRecords]: only the documented log-delivery and tracing"
                                    + " actions may use it");
        }

        @Test
        void shouldReportAStreamMappingWhoseFailuresNeverEndOrVanish() throws IOException {
            Map<String, Object> template = real();
            Map<String, Object> mapping = properties(template, "TableStreamMapping");
            mapping.remove("BisectBatchOnFunctionError");
            mapping.put("MaximumRetryAttempts", -1);
            mapping.put("FunctionResponseTypes", List.of());
            mapping.remove("DestinationConfig");
            mapping.put("StartingPosition", "LATEST");

            assertThat(DeploymentChecks.streamMappings(template))
                    .extracting(Problem::path)
                    .containsExactly(
                            "Resources.TableStreamMapping.Properties.FunctionResponseTypes",
                            "Resources.TableStreamMapping.Properties.BisectBatchOnFunctionError",
                            "Resources.TableStreamMapping.Properties.StartingPosition",
                            "Resources.TableStreamMapping.Properties.MaximumRetryAttempts",
                            "Resources.TableStreamMapping.Properties.DestinationConfig.OnFailure.Destination");
        }

        @Test
        void shouldReportAnAsynchronouslyInvokedFunctionWithoutInvokeConfig() throws IOException {
            Map<String, Object> template = real();
            Nodes.map(template.get("Resources")).remove("ReconcileInvokeConfig");
            properties(template, "ReactorInvokeConfig").put("MaximumRetryAttempts", 185);

            assertThat(DeploymentChecks.asynchronousInvocations(template))
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                            "Resources.ReactorInvokeConfig.Properties.MaximumRetryAttempts",
                            "Resources.ReconcileAlias");
        }

        @Test
        void shouldReportARuleTargetWithoutDeadLetterQueue() throws IOException {
            Map<String, Object> template = real();
            Nodes.map(Nodes.list(properties(template, "StartRAWSchedule").get("Targets"))
                            .get(0))
                    .remove("DeadLetterConfig");

            assertThat(DeploymentChecks.ruleTargets(template))
                    .extracting(Problem::path)
                    .containsExactly("Resources.StartRAWSchedule.Properties.Targets[0].DeadLetterConfig.Arn");
        }

        @Test
        void shouldReportATriggerThatBypassesTheAlias() throws IOException {
            Map<String, Object> template = real();
            properties(template, "TableStreamMapping").put("FunctionName", Map.of("Ref", "TableStreamFunction"));
            Nodes.map(properties(template, "StateMachine").get("DefinitionSubstitutions"))
                    .put("PlannerFunctionArn", Map.of("Fn::GetAtt", List.of("PlannerFunction", "Arn")));

            assertThat(DeploymentChecks.triggersUseAliases(template))
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                            "Resources.TableStreamMapping.Properties.FunctionName",
                            "Resources.StateMachine.Properties.DefinitionSubstitutions.PlannerFunctionArn");
        }

        @Test
        void shouldReportSubstitutionsThatDifferFromTheDefinition() throws IOException {
            String definition = "{\"Resource\": \"${PlannerFunctionArn}\", \"Other\": \"${GlueJobArn}\"}";
            Map<String, Object> template = real();
            Nodes.map(properties(template, "StateMachine").get("DefinitionSubstitutions"))
                    .put("Unused", "x");

            assertThat(DeploymentChecks.substitutions(template, definition))
                    .extracting(Problem::toString)
                    .containsExactly(
                            "Resources.StateMachine.Properties.DefinitionSubstitutions: lacks [GlueJobArn], which the"
                                    + " definition uses",
                            "Resources.StateMachine.Properties.DefinitionSubstitutions: gives [Unused], which the"
                                    + " definition does not use");
        }
    }
}
