package dev.switchyard.cli;

import static dev.switchyard.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.reactor.react.CategoryRunOpener;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.CategoryRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchyard invoke} as a user types it, on a SQLite store, with the AWS event samples of ingest. */
class InvokeCommandTest {
    static final Path EVENTS = Path.of("../ingest/src/test/resources/events");
    static final String GLUE_SUCCEEDED =
            EVENTS.resolve("glue-job-state-change-succeeded.json").toString();

    @TempDir
    Path dir;

    private String store;

    @BeforeEach
    void createStore() throws IOException {
        store = "sqlite:" + dir.resolve("switchyard.db");
        Path jobs = dir.resolve("jobs.csv");
        // The Glue samples are about MyJob. STG has no job: its runs succeed as they open.
        Files.writeString(jobs, "JobName,JobCategory,RunCondition,SkipFlag\nMyJob,RAW,DAILY,NO\nM1,MART,DAILY,NO\n");
        Path categories = dir.resolve("categories.csv");
        Files.writeString(categories, "Category,DependsOn\nRAW,\nSTG,RAW\nMART,STG\n");
        assertThat(run("init", "--table", store).status()).isZero();
        assertThat(run("jobs", "import", jobs.toString(), "--table", store).status())
                .isZero();
        assertThat(run("categories", "import", categories.toString(), "--table", store)
                        .status())
                .isZero();
    }

    @Test
    void shouldSetTheStatusFlag_fromAGlueEvent() throws IOException {
        CliTest.Result r = run("invoke", "events", "--event", GLUE_SUCCEEDED, "--table", store);

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(r.err())
                .contains("\"Namespace\":\"Switchyard\"") // the metric, as an EMF line in the log
                .contains("switchyard: invoke events: APPLIED: SUCCEEDED of MyJob");
        JsonNode job = run("jobs", "get", "MyJob", "--table", store, "--format", "json")
                .json();
        assertThat(job.get("StatusFlag").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldPrintTheBatchItemFailure_ofAPoisonRecord() throws IOException {
        ObjectNode event = tree("ddb-stream-lambda.json");
        ((ArrayNode) event.get("Records"))
                .insert(
                        1,
                        tree("ddb-stream-lambda-devguide-example.json")
                                .get("Records")
                                .get(1));
        Path file = dir.resolve("batch.json");
        Files.writeString(file, Json.mapper().writeValueAsString(event));
        Path audit = dir.resolve("audit.jsonl");

        CliTest.Result r = run(
                "invoke",
                "table-stream",
                "--event",
                file.toString(),
                "--table",
                store,
                "--audit-file",
                audit.toString(),
                "--format",
                "json");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"222\"}]}\n");
        assertThat(r.err())
                .contains("\"kind\":\"rejected\",\"where\":\"sequence 222\"")
                .doesNotContain("switchyard: invoke");
        assertThat(Files.readAllLines(audit)).hasSize(3);
    }

    @Test
    void shouldStartDueCategoryRunsLocally_andChainThroughOnesWithNothingToRun() throws IOException {
        // RAW's run for 2026-11-30 is open with MyJob, as the state machine would have opened it.
        TableOption option = new TableOption();
        option.table = store;
        try (Store opened = Store.open(option, CliTest.CLOCK)) {
            new CategoryRunOpener(
                            opened.jobs(),
                            new CategoryRuns(
                                    opened.stateItems(),
                                    ReactorConfig.defaults().runRetention()))
                    .open("RAW", LocalDate.of(2026, 11, 30), null, CliTest.CLOCK.instant());
        }

        CliTest.Result r = run("invoke", "events", "--event", GLUE_SUCCEEDED, "--table", store);

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("started STG for 2026-11-30 locally: opened its category run, no job to run")
                .contains("started MART for 2026-11-30 locally: opened its category run, 1 job to run: M1");
    }

    @Test
    void shouldTakeRegionForGlue_withASqliteStore() throws IOException {
        // A RUNNING event asks Glue nothing, so the client is built and never called.
        CliTest.Result r = run(
                "invoke",
                "events",
                "--event",
                EVENTS.resolve("glue-job-run-status-running.json").toString(),
                "--table",
                store,
                "--glue",
                "aws",
                "--region",
                "eu-west-1",
                "--format",
                "json");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.json().get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(r.err()).doesNotContain("switchyard: invoke");
    }

    @Test
    void shouldSummarizeAReconciliation_withoutAnEvent() throws IOException {
        CliTest.Result r = run("invoke", "reconcile", "--table", store);

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.json().get("jobsStuck").asInt()).isZero();
        assertThat(r.err()).contains("switchyard: invoke reconcile: 0 jobs stuck");
    }

    @Test
    void shouldPrintTheErrorAsLambdaDoes_whenTheHandlerThrows() throws IOException {
        // Nothing listens on port 1: the store is unavailable, a transient failure Lambda would retry.
        CliTest.Result r = run(
                "invoke",
                "events",
                "--event",
                GLUE_SUCCEEDED,
                "--table",
                "dynamodb:switchyard-nowhere",
                "--endpoint",
                "http://127.0.0.1:1");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.json().get("errorType").asText())
                .isEqualTo("dev.switchyard.reactor.store.StoreUnavailableException");
        assertThat(r.json().get("errorMessage").asText()).isNotEmpty();
        assertThat(r.err()).contains("the handler threw StoreUnavailableException");
    }

    @Test
    void shouldRefuseBadArguments_withStatus2() throws IOException {
        CliTest.Result handler = run("invoke", "lambda", "--table", store);
        CliTest.Result noEvent = run("invoke", "table-stream", "--table", store);
        CliTest.Result missing = run("invoke", "events", "--event", "nope.json", "--table", store);
        Path notAnEvent = dir.resolve("not-an-event.json");
        Files.writeString(notAnEvent, "[1, 2]");
        CliTest.Result stream = run("invoke", "table-stream", "--event", notAnEvent.toString(), "--table", store);

        assertThat(List.of(handler, noEvent, missing, stream))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(2));
        assertThat(handler.err()).contains("'lambda' is not a handler; use events, table-stream or reconcile");
        assertThat(noEvent.err()).isEqualTo("switchyard: invoke table-stream needs the event: --event FILE\n");
        assertThat(missing.err()).isEqualTo("switchyard: nope.json: no such file\n");
        assertThat(stream.err()).contains("is not a DynamoDB stream event");
    }

    private static ObjectNode tree(String name) throws IOException {
        return (ObjectNode) Json.mapper().readTree(EVENTS.resolve(name).toFile());
    }
}
