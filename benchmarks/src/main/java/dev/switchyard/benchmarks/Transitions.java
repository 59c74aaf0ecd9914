package dev.switchyard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.statemachine.Definition;
import dev.switchyard.statemachine.ExecutionResult;
import dev.switchyard.statemachine.LocalRunner;
import dev.switchyard.statemachine.Sleeper;
import dev.switchyard.statemachine.TaskResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * State transitions, as Step Functions bills them, of one category run under Switchyard's definition and under
 * the seed article's design ({@code benchmarks/seed-design.asl.json}: a checker Lambda state, a Choice, the Glue
 * task and a status write per job), both executed by the same local runner with Glue, Lambda and DynamoDB
 * answering at once. Run: {@code java -cp benchmarks/target/benchmarks.jar dev.switchyard.benchmarks.Transitions
 * [JOBS]} (from the repository's root).
 */
public final class Transitions {
    static final String PLANNER = "arn:aws:lambda:local:000000000000:function:planner";
    static final String CHECKER = "arn:aws:lambda:local:000000000000:function:checker";
    static final String GLUE = "arn:aws:states:::glue:startJobRun.sync";

    /** One design's execution of a category of {@code jobs} jobs of which {@code jobRuns} run on the date. */
    public record Count(String design, int jobs, int jobRuns, ExecutionResult result) {
        public double perJobRun() {
            return (double) result.stateTransitions() / jobRuns;
        }
    }

    private Transitions() {}

    /** Switchyard's definition, as deployed. */
    public static Count switchyard(int jobs, int notRunning) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = notRunning; i < jobs; i++) {
            names.add(name(i));
        }
        PlanSlice slice = new PlanSlice(
                "RAW",
                LocalDate.parse("2026-11-30"),
                null,
                false,
                0,
                null,
                null,
                10,
                names.size(),
                notRunning == 0 ? Map.of() : Map.of("NOT_SCHEDULED", notRunning),
                Map.of("--switchyard-category", "RAW", "--switchyard-run-date", "2026-11-30"),
                names);
        JsonNode definition;
        try (InputStream in = Transitions.class.getResourceAsStream("/dev/switchyard/infra/statemachine.asl.json")) {
            definition = Json.mapper().readTree(in);
        }
        LocalRunner runner = LocalRunner.builder()
                .bind(PLANNER, call -> slice.toJson())
                .bind(GLUE, Transitions::succeeded)
                .bind("arn:aws:states:::states:startExecution", call -> {
                    throw new IllegalStateException("one slice: no continuation expected");
                })
                .sleeper(Sleeper.REAL)
                .build();
        ExecutionResult result = runner.execute(
                Definition.parse(definition, Map.of("PlannerFunctionArn", PLANNER)),
                "arn:aws:states:local:000000000000:stateMachine:switchyard",
                "RAW-2026-11-30",
                input());
        return new Count("Switchyard", jobs, names.size(), result);
    }

    /** The seed article's design. */
    public static Count seed(int jobs, int notRunning, Path definition) throws IOException {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < jobs; i++) {
            ObjectNode item = items.addObject();
            item.putObject("JobName").put("S", name(i));
            item.putObject("JobCategory").put("S", "RAW");
            item.putObject("RunCondition").put("S", i < notRunning ? "SATURDAY" : "DAILY");
            item.putObject("SkipFlag").put("S", "NO");
        }
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.set("Items", items);
        page.put("Count", jobs);
        page.put("ScannedCount", jobs);
        TaskResource checker = call -> {
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            answer.put("JobName", call.input().path("JobName").asText());
            answer.put(
                    "ShouldRunToday", call.input().path("RunCondition").asText().equals("DAILY"));
            return answer;
        };
        LocalRunner runner = LocalRunner.builder()
                .bind("arn:aws:states:::aws-sdk:dynamodb:query", call -> page)
                .bind(CHECKER, checker)
                .bind(GLUE, Transitions::succeeded)
                .bind("arn:aws:states:::dynamodb:updateItem", call -> JsonNodeFactory.instance.objectNode())
                .sleeper(Sleeper.REAL)
                .build();
        ExecutionResult result = runner.execute(
                Definition.read(definition, Map.of("CheckerFunctionArn", CHECKER)),
                "arn:aws:states:local:000000000000:stateMachine:seed",
                "RAW-2026-11-30",
                input());
        return new Count("seed article", jobs, jobs - notRunning, result);
    }

    private static JsonNode succeeded(dev.switchyard.statemachine.TaskCall call) {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.put("Id", "jr_" + call.input().path("JobName").asText());
        run.put("JobName", call.input().path("JobName").asText());
        run.put("JobRunState", "SUCCEEDED");
        return run;
    }

    private static ObjectNode input() {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("JobCategory", "RAW");
        input.put("RunDate", "2026-11-30");
        return input;
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "raw_job_%05d", i);
    }

    public static void main(String[] args) throws IOException {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path seed = Path.of("benchmarks/seed-design.asl.json");
        System.out.printf(
                "%-13s %6s %8s %12s %14s %17s %15s%n",
                "design",
                "jobs",
                "job runs",
                "transitions",
                "per job run",
                "largest payload",
                "$ per 1,000 executions");
        for (int notRunning : new int[] {0, jobs / 10}) {
            for (Count c : List.of(switchyard(jobs, notRunning), seed(jobs, notRunning, seed))) {
                System.out.printf(
                        Locale.ROOT,
                        "%-13s %,6d %,8d %,12d %14.3f %,11d bytes %15.2f%n",
                        c.design(),
                        c.jobs(),
                        c.jobRuns(),
                        c.result().stateTransitions(),
                        c.perJobRun(),
                        c.result().largestPayloadBytes(),
                        c.result().stateTransitions() * 0.025 / 1000 * 1000);
            }
        }
    }
}
