package dev.switchyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.aws.FakeAwsServer.Response;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;

class GlueJobRunsTest {
    private static final String RUN_ID = "jr_c14390561406a75616f270734b658e17f7175895f3fc3c289279b708840e5584";

    private final FakeAwsServer glue = new FakeAwsServer();
    private final GlueClient client = AwsClients.glue(glue.settings());
    private final GlueJobRuns runs = new GlueJobRuns(client);

    @AfterEach
    void close() {
        client.close();
        glue.close();
    }

    @Test
    void shouldAskGetJobRunForTheRunWithoutPredecessors() {
        glue.answer(Response.ok(resource("glue/get-job-run-succeeded.json")));

        runs.jobRun("cdk-test-glue-python-job", RUN_ID);

        FakeAwsServer.Request request = glue.onlyRequest();
        assertThat(request.target()).isEqualTo("AWSGlue.GetJobRun");
        assertThat(request.contentType()).startsWith("application/x-amz-json-1.1");
        JsonNode body = request.json();
        assertThat(body.path("JobName").asText()).isEqualTo("cdk-test-glue-python-job");
        assertThat(body.path("RunId").asText()).isEqualTo(RUN_ID);
        assertThat(body.path("PredecessorsIncluded").isBoolean()).isTrue();
        assertThat(body.path("PredecessorsIncluded").asBoolean()).isFalse();
    }

    @Test
    void shouldReadTimingsCapacityAndAttribution_whenTheRunSucceeded() {
        glue.answer(Response.ok(resource("glue/get-job-run-succeeded.json")));

        GlueRun run = runs.jobRun("cdk-test-glue-python-job", RUN_ID).orElseThrow();

        assertThat(run.jobName()).isEqualTo("cdk-test-glue-python-job");
        assertThat(run.jobRunId()).isEqualTo(RUN_ID);
        assertThat(run.state()).isEqualTo(JobRunState.SUCCEEDED);
        // Glue's JSON carries epoch seconds with a fraction; the SDK reads them to the millisecond.
        assertThat(run.startedOn()).isEqualTo(Instant.ofEpochMilli(1637210222488L));
        assertThat(run.completedOn()).isEqualTo(Instant.ofEpochMilli(1637210428964L));
        assertThat(run.executionTimeSeconds()).isEqualTo(197L);
        assertThat(run.attempt()).isZero();
        assertThat(run.maxCapacity()).isEqualTo(0.0625);
        assertThat(run.workerType()).isNull();
        assertThat(run.numberOfWorkers()).isNull();
        assertThat(run.errorMessage()).isNull();
        assertThat(run.arguments())
                .containsEntry("--message", "Hello from sfn glue step")
                .containsEntry(GlueArguments.CATEGORY, "RAW")
                .containsEntry(GlueArguments.RUN_DATE, "2026-11-30")
                .containsEntry(GlueArguments.ENVIRONMENT, "prod")
                .hasSize(4);
    }

    @Test
    void shouldReadWorkersAndErrorMessage_whenASparkRunFailed() {
        glue.answer(Response.ok(resource("glue/get-job-run-failed-spark.json")));

        GlueRun run = runs.jobRun("JOB1", "jr_0123").orElseThrow();

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.startedOn()).isEqualTo(Instant.parse("2026-11-30T08:10:00Z"));
        assertThat(run.completedOn()).isEqualTo(Instant.parse("2026-11-30T08:15:12.500Z"));
        assertThat(run.executionTimeSeconds()).isEqualTo(301L);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.maxCapacity()).isEqualTo(10.0);
        assertThat(run.workerType()).isEqualTo("G.1X");
        assertThat(run.numberOfWorkers()).isEqualTo(10);
        assertThat(run.errorMessage()).startsWith("AnalysisException: Path does not exist");
        assertThat(run.arguments()).isEmpty();
    }

    @Test
    void shouldReadARunningRunWithoutCompletion() {
        glue.answer(Response.ok("""
                {"JobRun": {"Id": "jr_1", "JobName": "JOB1", "JobRunState": "RUNNING", "StartedOn": 1796026200,
                 "Attempt": 0}}"""));

        GlueRun run = runs.jobRun("JOB1", "jr_1").orElseThrow();

        assertThat(run.state()).isEqualTo(JobRunState.RUNNING);
        assertThat(run.startedOn()).isEqualTo(Instant.parse("2026-11-30T08:10:00Z"));
        assertThat(run.completedOn()).isNull();
        assertThat(run.executionTimeSeconds()).isNull();
    }

    @Test
    void shouldReturnEmpty_whenGlueDoesNotKnowTheRun() {
        glue.answer(Response.error(400, "EntityNotFoundException", "Job run not found"));

        Optional<GlueRun> run = runs.jobRun("JOB1", "jr_unknown");

        assertThat(run).isEmpty();
    }

    @Test
    void shouldThrowTransient_whenGlueThrottles() {
        glue.answer(Response.error(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> runs.jobRun("JOB1", "jr_1"))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("JOB1")
                .hasMessageContaining("jr_1")
                .hasMessageContaining("ThrottlingException");
    }

    @Test
    void shouldThrowTransient_whenGlueFailsInternally() {
        glue.answer(Response.error(500, "InternalServiceException", "Internal service error"));

        assertThatThrownBy(() -> runs.jobRun("JOB1", "jr_1"))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("InternalServiceException");
    }

    @Test
    void shouldThrowTransient_whenGlueTimesOut() {
        glue.answer(Response.error(400, "OperationTimeoutException", "Operation timed out"));

        assertThatThrownBy(() -> runs.jobRun("JOB1", "jr_1")).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void shouldThrowTransient_whenAnyServerErrorComesBack() {
        glue.answer(new Response(503, "{}"));

        assertThatThrownBy(() -> runs.jobRun("JOB1", "jr_1")).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void shouldThrowTransient_whenGlueCannotBeReached() {
        FakeAwsServer gone = new FakeAwsServer();
        gone.close();
        try (GlueClient unreachable = AwsClients.glue(gone.settings())) {
            GlueJobRuns nowhere = new GlueJobRuns(unreachable);

            assertThatThrownBy(() -> nowhere.jobRun("JOB1", "jr_1"))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessageContaining("could not reach AWS");
        }
    }

    @Test
    void shouldThrowIllegalStateNamingJobAndRun_whenGlueRefusesTheCall() {
        glue.answer(Response.error(400, "AccessDeniedException", "not authorized to perform glue:GetJobRun"));

        assertThatThrownBy(() -> runs.jobRun("JOB1", "jr_1"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GetJobRun of Glue job JOB1, run jr_1")
                .hasMessageContaining("AccessDeniedException")
                .hasMessageContaining("glue:GetJobRun");
    }

    @Test
    void shouldThrowIllegalState_whenTheStateIsUnknown() {
        glue.answer(
                Response.ok("{\"JobRun\": {\"Id\": \"jr_1\", \"JobName\": \"JOB1\", \"JobRunState\": \"PAUSED\"}}"));

        assertThatThrownBy(() -> runs.jobRun("JOB1", "jr_1"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PAUSED");
    }

    @Test
    void shouldRetryAsConfigured_whenAttemptsAreLeft() {
        try (GlueClient retrying = AwsClients.glue(FakeAwsServer.settingsFor(glue.endpoint(), 2))) {
            glue.answer(
                    Response.error(500, "InternalServiceException", "try again"),
                    Response.ok(resource("glue/get-job-run-succeeded.json")));

            Optional<GlueRun> run = new GlueJobRuns(retrying).jobRun("cdk-test-glue-python-job", RUN_ID);

            assertThat(run).isPresent();
            assertThat(glue.requests()).hasSize(2);
        }
    }

    @Test
    void shouldListRunsAcrossPages_untilGlueHasNoMore() {
        glue.answer(
                Response.ok(page("token-1", "jr_5", "jr_4")),
                Response.ok(page("token-2", "jr_3", "jr_2")),
                Response.ok(page(null, "jr_1")));

        List<GlueRun> listed = runs.jobRuns("JOB1", 10);

        assertThat(listed).extracting(GlueRun::jobRunId).containsExactly("jr_5", "jr_4", "jr_3", "jr_2", "jr_1");
        List<FakeAwsServer.Request> requests = glue.requests();
        assertThat(requests).extracting(FakeAwsServer.Request::target).containsOnly("AWSGlue.GetJobRuns");
        assertThat(requests.get(0).json().path("JobName").asText()).isEqualTo("JOB1");
        assertThat(requests.get(0).json().has("NextToken")).isFalse();
        assertThat(requests.get(1).json().path("NextToken").asText()).isEqualTo("token-1");
        assertThat(requests.get(2).json().path("NextToken").asText()).isEqualTo("token-2");
        // Each page asks for no more than are still wanted.
        assertThat(requests)
                .extracting(r -> r.json().path("MaxResults").asInt())
                .containsExactly(10, 8, 6);
    }

    @Test
    void shouldStopPaging_whenMaxRunsAreListed() {
        glue.answer(Response.ok(page("token-1", "jr_5", "jr_4")), Response.ok(page("token-2", "jr_3", "jr_2")));

        List<GlueRun> listed = runs.jobRuns("JOB1", 3);

        assertThat(listed).extracting(GlueRun::jobRunId).containsExactly("jr_5", "jr_4", "jr_3");
        assertThat(glue.requests()).hasSize(2);
    }

    @Test
    void shouldAskForAtMost200RunsAPage() {
        glue.answer(Response.ok(page(null, "jr_1")));

        runs.jobRuns("JOB1", 1000);

        assertThat(glue.onlyRequest().json().path("MaxResults").asInt()).isEqualTo(GlueJobRuns.MAX_PAGE);
    }

    @Test
    void shouldListNewestFirst() {
        glue.answer(Response.ok("""
                {"JobRuns": [
                  {"Id": "jr_old", "JobName": "JOB1", "JobRunState": "SUCCEEDED", "StartedOn": 1796000000},
                  {"Id": "jr_waiting", "JobName": "JOB1", "JobRunState": "WAITING"},
                  {"Id": "jr_new", "JobName": "JOB1", "JobRunState": "RUNNING", "StartedOn": 1796026200}
                ]}"""));

        List<GlueRun> listed = runs.jobRuns("JOB1", 10);

        assertThat(listed).extracting(GlueRun::jobRunId).containsExactly("jr_waiting", "jr_new", "jr_old");
    }

    @Test
    void shouldListNothing_whenTheJobDoesNotExist() {
        glue.answer(Response.error(400, "EntityNotFoundException", "Job not found"));

        assertThat(runs.jobRuns("NO_SUCH_JOB", 10)).isEmpty();
    }

    @Test
    void shouldAskNothing_whenNoRunIsWanted() {
        assertThat(runs.jobRuns("JOB1", 0)).isEmpty();
        assertThat(glue.requests()).isEmpty();
    }

    @Test
    void shouldThrowTransient_whenListingIsThrottled() {
        glue.answer(Response.ok(page("token-1", "jr_5")), Response.error(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> runs.jobRuns("JOB1", 10))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("GetJobRuns of Glue job JOB1");
    }

    private static String page(String nextToken, String... runIds) {
        // jr_N started N hours after a fixed time, so that higher numbers are newer.
        String runs = Stream.of(runIds)
                .map(id -> "{\"Id\": \"%s\", \"JobName\": \"JOB1\", \"JobRunState\": \"SUCCEEDED\", \"StartedOn\": %d}"
                        .formatted(id, 1796000000L + 3600L * Long.parseLong(id.substring(3))))
                .collect(Collectors.joining(","));
        return "{\"JobRuns\": [" + runs + "]" + (nextToken == null ? "" : ", \"NextToken\": \"" + nextToken + "\"")
                + "}";
    }

    static String resource(String name) {
        try (InputStream in = GlueJobRunsTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
