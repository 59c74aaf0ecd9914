package dev.switchyard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.ingest.lambda.Wiring;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/template.yaml: every reference resolves, and the template agrees with the code (tables, handlers,
 * environment variables, the definition's substitutions) and with how Switchyard must run (least-privilege
 * roles, retries that end in the dead-letter queue, triggers through aliases). TemplateChecksTest shows each
 * check failing; FunctionRolesTest checks each function's role against the calls its code makes.
 */
class TemplateTest {
    /**
     * The actions of the roles that AWS services assume, not code of ours, so no recording can tell them: the
     * state machine's (Step Functions itself invokes the planner, runs the glue:startJobRun.sync integration,
     * which starts, polls and stops the runs, starts the continuing execution, delivers the execution log and,
     * with Tracing, writes to X-Ray) and the schedules' (EventBridge starts the executions). Each function's
     * role is checked against what its code is recorded calling instead (FunctionRolesTest).
     */
    static final Map<String, Set<String>> SERVICE_ROLE_ACTIONS = Map.of(
            "StateMachineRole",
            Set.of(
                    "lambda:InvokeFunction",
                    "glue:StartJobRun",
                    "glue:GetJobRun",
                    "glue:GetJobRuns",
                    "glue:BatchStopJobRun",
                    "states:StartExecution",
                    "logs:CreateLogDelivery",
                    "logs:GetLogDelivery",
                    "logs:UpdateLogDelivery",
                    "logs:DeleteLogDelivery",
                    "logs:ListLogDeliveries",
                    "logs:PutResourcePolicy",
                    "logs:DescribeResourcePolicies",
                    "logs:DescribeLogGroups",
                    "xray:PutTraceSegments",
                    "xray:PutTelemetryRecords",
                    "xray:GetSamplingRules",
                    "xray:GetSamplingTargets"),
            "EventsRole",
            Set.of("states:StartExecution"));

    /**
     * The only actions a statement may allow on Resource "*": CloudWatch Logs' log-delivery actions (the state
     * machine's logging) and X-Ray's, which support no resource-level permissions.
     */
    static final Set<String> EVERY_RESOURCE_ALLOWED = Set.of(
            "logs:CreateLogDelivery",
            "logs:GetLogDelivery",
            "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries",
            "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups",
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets");

    /** Variables the functions set that are the JVM's, not Switchyard's. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static Map<String, Object> written;
    private static Map<String, Object> template;

    @BeforeAll
    static void load() throws IOException {
        written = CfnYaml.parse(Files.readString(Repository.template()));
        template = ForEach.expand(written, Map.of());
    }

    @Test
    void everyReferenceConditionAndParameterShouldResolve() {
        assertThat(TemplateChecks.all(written, template)).isEmpty();
    }

    @Test
    void definitionSubstitutionsShouldBeExactlyTheDefinitionsPlaceholders() throws IOException {
        String definition = Files.readString(Repository.definition());

        assertThat(DeploymentChecks.placeholders(definition))
                .as("the definition's ${Name}s")
                .isNotEmpty();
        assertThat(DeploymentChecks.substitutions(template, definition)).isEmpty();
    }

    @Test
    void controlTableShouldBeControlTableSchema() {
        assertThat(DeploymentChecks.table(template, "ControlTable", ControlTable.SCHEMA))
                .isEmpty();
    }

    @Test
    void stateTableShouldBeStateTableSchema() {
        assertThat(DeploymentChecks.table(template, "StateTable", StateTable.SCHEMA))
                .isEmpty();
    }

    @Test
    void policiesShouldNameOnlyTheTablesIndexes() {
        Set<String> indexes = new LinkedHashSet<>();
        for (TableSchema schema : List.of(ControlTable.SCHEMA, StateTable.SCHEMA)) {
            schema.indexes().forEach(i -> indexes.add(i.name()));
        }

        assertThat(DeploymentChecks.indexArns(template, indexes)).isEmpty();
    }

    @Test
    void everyHandlerShouldNameAClassWithHandleRequest() {
        // The ingest module as installed (test scope): a handler renamed there without the template fails here.
        assertThat(DeploymentChecks.handlers(template, getClass().getClassLoader()))
                .isEmpty();
    }

    @Test
    void environmentVariablesShouldBeTheOnesWiringReads() {
        Set<String> known = new TreeSet<>(DeploymentChecks.constants(Wiring.class));
        known.addAll(JVM_VARIABLES);

        assertThat(DeploymentChecks.environment(template, known)).isEmpty();
    }

    @Test
    void everyRoleShouldBeAFunctionsOwnOrAServicesWithHandWrittenActions() {
        Map<String, String> functionRoles = DeploymentChecks.functionRoles(template);
        Set<String> accounted = new TreeSet<>(functionRoles.values());
        accounted.addAll(SERVICE_ROLE_ACTIONS.keySet());

        assertThat(DeploymentChecks.roleActions(template).keySet()).isEqualTo(accounted);
        assertThat(new TreeSet<>(functionRoles.values()))
                .as("one role per function, none a service's")
                .hasSize(functionRoles.size())
                .doesNotContainAnyElementsOf(SERVICE_ROLE_ACTIONS.keySet());
    }

    @Test
    void serviceRolesShouldAllowExactlyTheirHandWrittenActions() {
        assertThat(DeploymentChecks.actions(template, SERVICE_ROLE_ACTIONS)).isEmpty();
    }

    @Test
    void everyStatementShouldNameItsResourcesWithoutWildcards() {
        assertThat(DeploymentChecks.iam(template, EVERY_RESOURCE_ALLOWED)).isEmpty();
    }

    @Test
    void streamMappingShouldReportItemFailuresBisectBoundRetriesAndKeepWhatFails() {
        assertThat(DeploymentChecks.streamMappings(template)).isEmpty();
    }

    @Test
    void asynchronousInvocationsShouldEndInTheDeadLetterQueue() {
        assertThat(DeploymentChecks.asynchronousInvocations(template)).isEmpty();
        assertThat(Nodes.resources(template, "AWS::Lambda::EventInvokeConfig"))
                .containsOnlyKeys("ReactorInvokeConfig", "ReconcileInvokeConfig");
    }

    @Test
    void everyRuleTargetShouldRetryAndDeadLetter() {
        assertThat(DeploymentChecks.ruleTargets(template)).isEmpty();
    }

    @Test
    void everyTriggerShouldGoThroughAnAlias() {
        assertThat(DeploymentChecks.triggersUseAliases(template)).isEmpty();
    }

    @Test
    void shouldScheduleEachScheduledCategoryWithItsOwnRule() {
        Map<String, Object> twoCategories = ForEach.expand(written, Map.of("ScheduledCategories", "RAW,Daily_Sales"));

        Map<String, Map<String, Object>> rules = Nodes.resources(twoCategories, "AWS::Events::Rule");

        assertThat(rules).containsKeys("StartRAWSchedule", "StartDailySalesSchedule");
        assertThat(Nodes.at(rules.get("StartDailySalesSchedule"), "Properties", "Targets"))
                .get()
                .satisfies(targets -> assertThat(
                                Nodes.map(Nodes.list(targets).get(0)).get("Input"))
                        .isEqualTo(Map.of("Fn::Sub", "{\"JobCategory\": \"Daily_Sales\"}")));
        assertThat(TemplateChecks.references(twoCategories)).isEmpty();
    }

    @Test
    void packagedFilesShouldBeRelativeToTheTemplate() throws IOException {
        Path infra = Repository.template().getParent();
        Object definition = Nodes.at(template, "Resources", "StateMachine", "Properties", "DefinitionS3Location")
                .orElse(null);

        assertThat(infra.resolve(String.valueOf(definition)).normalize()).isEqualTo(Repository.definition());
        Nodes.resources(template, "AWS::Lambda::Function")
                .forEach((id, function) -> assertThat(infra.resolve(String.valueOf(
                                        Nodes.at(function, "Properties", "Code").orElse("")))
                                .normalize())
                        .as("Code of %s", id)
                        .isEqualTo(Repository.root().resolve("ingest/target/switchyard-lambda.jar")));
        assertThat(Files.readString(Repository.root().resolve("ingest/pom.xml")))
                .as("the shaded jar the functions' Code names")
                .contains("${project.build.directory}/switchyard-lambda.jar");
    }

    @Test
    void readmeShouldGiveTheTemplatesDeployCommands() throws IOException {
        String readme = Files.readString(Repository.root().resolve("infra/README.md"));
        String header = Files.readString(Repository.template());

        for (String command : List.of(
                "aws cloudformation package --template-file infra/template.yaml --s3-bucket BUCKET",
                "--output-template-file target/packaged.yaml",
                "aws cloudformation deploy --template-file target/packaged.yaml --stack-name switchyard",
                "--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND")) {
            assertThat(header).contains(command);
            assertThat(readme).contains(command);
        }
    }
}
