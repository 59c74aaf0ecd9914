package dev.switchyard.cli;

import static dev.switchyard.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.RunHistory;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sqlite.SqliteStore;
import dev.switchyard.testsupport.DemoProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo project end to end through {@code switchyard run} and {@code rerun}: the acceptance test. */
class RunCommandTest {
    static final String DATE = "2026-11-30"; // a Monday, and the last day of the month: raw_web_sessions rests

    @TempDir
    Path tmp;

    Path project;

    @BeforeEach
    void copyTheDemo() throws IOException {
        project = copyDemo(tmp);
    }

    /** A copy of examples/demo in {@code dir}, without its .switchyard state. */
    static Path copyDemo(Path dir) throws IOException {
        return DemoProject.copyTo(dir);
    }

    private CliTest.Result runJson(String command, String category) {
        return run(command, category, "--project", project.toString(), "--date", DATE, "--format", "json");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    @Test
    void shouldKeepTheJobRunsOfEarlierRuns_whenARunStartsANewStore() throws IOException {
        assertThat(runJson("run", "RAW").status()).isZero();
        assertThat(run("run", "RAW", "--project", project.toString(), "--date", "2026-12-01")
                        .status())
                .isZero();

        try (SqliteStore store = SqliteStore.open(project.resolve(".switchyard/run.db"), Clock.systemUTC())) {
            var history = new RunHistory(store.table(StateTable.SCHEMA), Duration.ofDays(1));
            assertThat(history.recent("raw_orders", 10))
                    .extracting(r -> r.runDate().toString())
                    .containsExactly("2026-12-01", DATE);
            // The category runs are the new store's alone: a new run of a date starts it anew.
            assertThat(new CategoryRuns(store.table(StateTable.SCHEMA), Duration.ofDays(1))
                            .get("RAW", LocalDate.parse(DATE)))
                    .isEmpty();
        }
    }

    @Test
    void shouldRunRawThenChainStgAndMartOnce_writingStatusesHistoryAndMetrics() throws IOException {
        CliTest.Result r = runJson("run", "RAW");

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = r.json();
        JsonNode executions = json.path("executions");
        assertThat(texts(executions, "Category")).containsExactly("RAW", "STG", "MART");
        assertThat(texts(executions, "Status")).containsOnly("SUCCEEDED");
        assertThat(texts(executions, "RunDate")).containsOnly(DATE);
        JsonNode raw = executions.get(0);
        assertThat(texts(raw.path("Jobs"), "JobName"))
                .containsExactlyInAnyOrder("raw_orders", "raw_customers", "raw_store_traffic");
        assertThat(texts(raw.path("Jobs"), "State")).containsOnly("SUCCEEDED");
        assertThat(raw.path("NotRun").path("SKIPPED").asInt()).isEqualTo(1);
        assertThat(raw.path("NotRun").path("NOT_SCHEDULED").asInt()).isEqualTo(1);
        // Plan, Map, 3 jobs, Summarize, MoreJobs, Outcome, Done
        assertThat(raw.path("StateTransitions").asLong()).isEqualTo(9);
        assertThat(texts(json.path("triggers"), "Category")).containsExactly("STG", "MART");
        assertThat(json.path("rejected").asInt()).isZero();

        try (SqliteStore store = SqliteStore.open(project.resolve(".switchyard/run.db"), Clock.systemUTC())) {
            ControlTable control = new ControlTable(store.table(ControlTable.SCHEMA));
            Map<String, Attr> orders = control.get("raw_orders").orElseThrow();
            assertThat(orders.get("StatusFlag")).isEqualTo(new Attr.S("SUCCEEDED"));
            assertThat(((Attr.S) orders.get("LastRunTimestamp")).value())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(control.get("raw_legacy_feed").orElseThrow()).doesNotContainKey("LastRunId");
            assertThat(control.get("mart_daily_sales").orElseThrow().get("StatusFlag"))
                    .isEqualTo(new Attr.S("SUCCEEDED"));

            var state = store.table(StateTable.SCHEMA);
            String runId = raw.path("Jobs").get(0).path("JobRunId").asText();
            String job = raw.path("Jobs").get(0).path("JobName").asText();
            assertThat(new RunHistory(state, Duration.ofDays(1)).entry(job, runId))
                    .isPresent();
            CategoryRuns runs = new CategoryRuns(state, Duration.ofDays(1));
            for (String category : List.of("RAW", "STG", "MART")) {
                assertThat(runs.get(category, LocalDate.parse(DATE))
                                .orElseThrow()
                                .status())
                        .as(category)
                        .isEqualTo(CategoryRuns.Status.SUCCEEDED);
            }
        }

        List<String> metrics = Files.readAllLines(project.resolve(".switchyard/metrics.jsonl"));
        assertThat(metrics).hasSize(6);
        for (String line : metrics) {
            JsonNode metric = Json.mapper().readTree(line);
            assertThat(metric.path("State").asText()).isEqualTo("SUCCEEDED");
            assertThat(metric.path("RunDate").asText()).isEqualTo(DATE);
        }
        assertThat(Files.readAllLines(project.resolve(".switchyard/audit.jsonl")))
                .isNotEmpty();
    }

    @Test
    void shouldBlockStgOnAFailedJobUntilRerunSucceeds_thenTriggerItOnce() throws IOException {
        Path marker = Files.createDirectories(project.resolve(".switchyard")).resolve("fail-raw_orders");
        Files.writeString(marker, "");

        CliTest.Result failed = runJson("run", "RAW");
        assertThat(failed.status()).isEqualTo(1);
        JsonNode first = failed.json();
        assertThat(texts(first.path("executions"), "Category")).containsExactly("RAW");
        assertThat(first.path("executions").get(0).path("Status").asText()).isEqualTo("FAILED");
        assertThat(first.path("executions").get(0).path("Error").asText()).isEqualTo("Switchyard.JobsFailed");
        assertThat(first.path("executions").get(0).path("Cause").asText()).contains("raw_orders");
        assertThat(first.path("triggers")).isEmpty();
        assertThat(texts(first.path("blocked"), "Category")).containsExactly("RAW");

        Files.delete(marker);
        CliTest.Result rerun = runJson("rerun", "RAW");
        assertThat(rerun.status()).as(rerun.err()).isZero();
        JsonNode second = rerun.json();
        assertThat(texts(second.path("executions"), "Category")).containsExactly("RAW", "STG", "MART");
        assertThat(texts(second.path("executions").get(0).path("Jobs"), "JobName"))
                .containsExactly("raw_orders");
        assertThat(texts(second.path("triggers"), "Category")).containsExactly("STG", "MART");

        CliTest.Result again = runJson("rerun", "RAW");
        assertThat(again.status()).isZero();
        assertThat(texts(again.json().path("executions"), "Category")).containsExactly("RAW");
        assertThat(again.json().path("executions").get(0).path("Jobs")).isEmpty();
        assertThat(again.json().path("triggers")).isEmpty();
    }

    @Test
    void shouldShowThePlanJobsChainAndSummaryToAPerson_leavingTheDefaultStoreAlone() throws IOException {
        Path store = Files.createDirectories(project.resolve(".switchyard")).resolve("switchyard.db");
        Files.writeString(store, "the store `init --table sqlite:` made here");

        CliTest.Result r = run("run", "RAW", "--project", project.toString(), "--date", DATE);

        assertThat(Files.readString(store)).isEqualTo("the store `init --table sqlite:` made here");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("RAW for " + DATE + " · execution RAW-" + DATE)
                .contains("plan: 3 jobs to run of 5, at most 2 at a time")
                .containsPattern("raw_legacy_feed +SKIPPED +SkipFlag is YES")
                .containsPattern("raw_web_sessions +NOT_SCHEDULED +excluded by !LAST_DAY on Monday 2026-11-30")
                .contains("✓ raw_orders")
                .contains("→ STG for " + DATE + " triggered: RAW succeeded")
                .contains("CATEGORY  RUN DATE")
                .containsPattern("MART +" + DATE + " +SUCCEEDED +1 +0");
    }

    @Test
    void shouldRefuseAProjectWithoutJobsYamlAndARerunBeforeAnyRun() throws IOException {
        CliTest.Result rerun = run("rerun", "RAW", "--project", project.toString(), "--date", DATE);
        assertThat(rerun.status()).isEqualTo(2);
        assertThat(rerun.err()).contains("has not been run yet");

        Files.delete(project.resolve("jobs.yaml"));
        CliTest.Result r = run("run", "RAW", "--project", project.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no jobs.yaml");
    }

    @Test
    void shouldRefuseAnUnknownCategoryKeepingTheEarlierRunForRerun() throws IOException {
        Files.writeString(
                Files.createDirectories(project.resolve(".switchyard")).resolve("fail-raw_orders"), "");
        assertThat(runJson("run", "RAW").status()).isEqualTo(1);

        CliTest.Result typo = runJson("run", "RWA");

        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err())
                .contains("category 'RWA' is neither in control-table.csv nor in categories.yaml")
                .contains("the project has MART, RAW, STG");
        Files.delete(project.resolve(".switchyard/fail-raw_orders"));
        CliTest.Result rerun = runJson("rerun", "RAW");
        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(texts(rerun.json().path("executions").get(0).path("Jobs"), "JobName"))
                .containsExactly("raw_orders");
    }

    @Test
    void shouldRefuseADefinitionTheRunnerCannotRunNamingTheStateAndField() throws IOException {
        String deployed = Files.readString(Path.of("../infra/statemachine.asl.json"));
        Path definition = Files.writeString(
                tmp.resolve("heartbeat.asl.json"),
                deployed.replace(
                        "\"Resource\": \"arn:aws:states:::glue:startJobRun.sync\",",
                        "\"Resource\": \"arn:aws:states:::glue:startJobRun.sync\", \"HeartbeatSeconds\": 60,"));
        CliTest.Result r = run(
                "run", "RAW", "--project", project.toString(), "--date", DATE, "--definition", definition.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("RunJob").contains("HeartbeatSeconds").contains("not supported");
    }

    @Test
    void shouldStartTheDeployedStateMachineWithAws() throws Exception {
        try (FakeStepFunctions sfn =
                new FakeStepFunctions("arn:aws:states:eu-west-1:123456789012:execution:sw:RAW-" + DATE)) {
            CliTest.Result r = run(
                    "run",
                    "RAW",
                    "--aws",
                    "--state-machine",
                    "arn:aws:states:eu-west-1:123456789012:stateMachine:sw",
                    "--region",
                    "eu-west-1",
                    "--date",
                    DATE,
                    "--format",
                    "json");

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.json().path("executionArn").asText()).endsWith(":execution:sw:RAW-" + DATE);
            assertThat(sfn.requests())
                    .singleElement()
                    .asString()
                    .startsWith("AWSStepFunctions.StartExecution ")
                    .contains("\"name\":\"RAW-" + DATE + "\"")
                    .contains("{\\\"JobCategory\\\":\\\"RAW\\\",\\\"RunDate\\\":\\\"" + DATE
                            + "\\\",\\\"TriggeredBy\\\":\\\"switchyard-cli\\\"}");
        }
    }

    @Test
    void shouldRefuseAwsWithoutAStateMachine_orWithLocalOptions() {
        CliTest.Result r = run("run", "RAW", "--aws");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--aws needs --state-machine");

        CliTest.Result local = run(
                "run",
                "RAW",
                "--aws",
                "--state-machine",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:sw",
                "--project",
                project.toString());
        assertThat(local.status()).isEqualTo(2);
        assertThat(local.err()).contains("--project is for local runs");
    }

    @Test
    void shouldBlockOnAJobThatCouldNotStart_untilARerunStartsIt() throws IOException {
        Path jobs = project.resolve("jobs.yaml");
        String all = Files.readString(jobs);
        Files.writeString(jobs, all.replaceAll("(?m)^raw_orders:.*\\n", ""));

        CliTest.Result failed = runJson("run", "RAW");

        assertThat(failed.status()).isEqualTo(1);
        JsonNode raw = failed.json().path("executions").get(0);
        assertThat(raw.path("Status").asText()).isEqualTo("FAILED");
        assertThat(raw.path("Jobs"))
                .filteredOn(j -> j.path("NotStarted").asBoolean())
                .singleElement()
                .satisfies(j -> {
                    assertThat(j.path("JobName").asText()).isEqualTo("raw_orders");
                    assertThat(j.path("ErrorMessage").asText()).startsWith("Glue.EntityNotFoundException");
                    assertThat(j.path("JobRunId").asText()).startsWith("not-started-");
                });
        assertThat(texts(failed.json().path("blocked"), "Category")).containsExactly("RAW");
        assertThat(failed.json().path("triggers")).isEmpty();
        CliTest.Result table = run("run", "RAW", "--project", project.toString(), "--date", DATE);
        assertThat(table.out())
                .contains("RAW FAILED in")
                .contains(": 3 jobs, 1 failed,")
                .containsPattern("RAW +" + DATE + " +FAILED +3 +1 ");

        Files.writeString(jobs, all);
        CliTest.Result rerun = runJson("rerun", "RAW");
        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(texts(rerun.json().path("executions").get(0).path("Jobs"), "JobName"))
                .containsExactly("raw_orders");
        assertThat(texts(rerun.json().path("triggers"), "Category")).containsExactly("STG", "MART");
    }

    /** Runs the command in a JVM of its own, once raw_orders is running; the job's pid lands in orders.pid. */
    private Process startWhileRawOrdersRuns() throws Exception {
        Path jobs = project.resolve("jobs.yaml");
        Files.writeString(
                jobs,
                Files.readString(jobs)
                        .replaceAll(
                                "(?m)^raw_orders:.*$",
                                java.util.regex.Matcher.quoteReplacement(
                                        "raw_orders: echo $$ > orders.pid; echo started; exec sleep 60")));
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        javaCommand,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "run",
                        "RAW",
                        "--project",
                        project.toString(),
                        "--date",
                        DATE)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.out").toFile())
                .start();
        Path logs = project.resolve(".switchyard/logs/raw_orders");
        long deadline = System.nanoTime() + 120_000_000_000L; // a guard against hanging, not a measurement
        while (!started(logs)) {
            assertThat(child.isAlive())
                    .as(Files.readString(tmp.resolve("child.out")))
                    .isTrue();
            assertThat(System.nanoTime()).as("raw_orders never started").isLessThan(deadline);
            Thread.sleep(50);
        }
        return child;
    }

    /** Ctrl-C (here SIGTERM, which runs the same shutdown) kills the running jobs and records them STOPPED. */
    @Test
    void shouldRecordRunningJobsStoppedWhenSwitchyardIsStopped_andSaySo() throws Exception {
        Process child = startWhileRawOrdersRuns();
        try {
            child.destroy();
            assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
        } finally {
            child.destroyForcibly();
        }

        String out = Files.readString(tmp.resolve("child.out"));
        assertThat(out).contains("CATEGORY  RUN DATE").contains("Stopped: the running jobs were killed");
        assertThat(child.exitValue()).isNotZero();
        try (SqliteStore store = SqliteStore.open(project.resolve(".switchyard/run.db"), Clock.systemUTC())) {
            ControlTable control = new ControlTable(store.table(ControlTable.SCHEMA));
            assertThat(control.get("raw_orders").orElseThrow().get("StatusFlag"))
                    .as(out)
                    .isEqualTo(new Attr.S("STOPPED"));
        }
        assertThat(Files.readAllLines(project.resolve(".switchyard/metrics.jsonl")))
                .anySatisfy(line ->
                        assertThat(line).contains("\"JobName\":\"raw_orders\"").contains("\"State\":\"STOPPED\""));
        long job =
                Long.parseLong(Files.readString(project.resolve("orders.pid")).strip());
        assertThat(ProcessHandle.of(job).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    /** A switchyard killed outright (kill -9) leaves raw_orders RUNNING in the store; rerun knows it is not. */
    @Test
    void shouldRerunAJobLeftRunningByASwitchyardThatWasKilled() throws Exception {
        Process child = startWhileRawOrdersRuns();
        long job = 0;
        try {
            child.destroyForcibly(); // no shutdown hook runs
            assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            job = Long.parseLong(Files.readString(project.resolve("orders.pid")).strip());
        } finally {
            // the job outlives the JVM that started it, as any process would: end it here
            ProcessHandle.of(job).ifPresent(ProcessHandle::destroyForcibly);
        }
        Path jobs = project.resolve("jobs.yaml");
        Files.writeString(jobs, Files.readString(jobs).replaceAll("(?m)^raw_orders:.*$", "raw_orders: echo loaded"));

        CliTest.Result rerun = runJson("rerun", "RAW");

        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(texts(rerun.json().path("executions").get(0).path("Jobs"), "JobName"))
                .contains("raw_orders");
        assertThat(texts(rerun.json().path("triggers"), "Category")).containsExactly("STG", "MART");
        assertThat(rerun.json().path("unfinished")).isEmpty();
    }

    private static boolean started(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return false;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.toList()) {
                if (Files.readString(log).contains("started")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void shouldRefuseAnInvalidRowKeepingTheEarlierRunForRerun() throws IOException {
        Files.writeString(
                Files.createDirectories(project.resolve(".switchyard")).resolve("fail-raw_orders"), "");
        assertThat(runJson("run", "RAW").status()).isEqualTo(1);
        Path table = project.resolve("control-table.csv");
        String good = Files.readString(table);
        Files.writeString(table, good.replace("raw_customers,RAW,DAILY", "raw_customers,RAW,DAYLY"));

        CliTest.Result invalid = runJson("run", "RAW");

        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.err()).contains("refused, nothing was written").contains("DAYLY");
        Files.writeString(table, good);
        Files.delete(project.resolve(".switchyard/fail-raw_orders"));
        CliTest.Result rerun = runJson("rerun", "RAW");
        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(texts(rerun.json().path("executions").get(0).path("Jobs"), "JobName"))
                .containsExactly("raw_orders");
    }

    @Test
    void shouldRefuseALocalConcurrencyBelowOne() {
        CliTest.Result r = run("run", "RAW", "--project", project.toString(), "--max-local-concurrency", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--max-local-concurrency must be at least 1, not 0");
    }

    @Test
    void shouldCapHowManyJobsRunAtOnceOnThisMachine() {
        CliTest.Result r =
                run("run", "RAW", "--project", project.toString(), "--date", DATE, "--max-local-concurrency", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("at most 1 at a time on this machine (the category says 2; see --max-local-concurrency)");
        // one at a time: each job ends before the next starts
        assertThat(r.out().lines().filter(l -> l.contains("▶ raw_") || l.contains("✓ raw_")))
                .extracting(l -> l.strip().substring(0, 1))
                .containsExactly("▶", "✓", "▶", "✓", "▶", "✓");
    }
}
