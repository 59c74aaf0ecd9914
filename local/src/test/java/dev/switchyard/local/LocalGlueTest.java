package dev.switchyard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.ingest.decode.EventDecoder;
import dev.switchyard.reactor.ports.GlueRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalGlueTest {
    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();

    private LocalGlue glue(String jobsYaml) throws IOException {
        Path file = Files.writeString(dir.resolve("jobs.yaml"), jobsYaml);
        return new LocalGlue(
                JobsFile.read(file),
                dir,
                dir.resolve("logs"),
                Clock.systemUTC(),
                events::add,
                new LocalGlue.Listener() {});
    }

    private static ObjectNode parameters(String job) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("JobName", job);
        ObjectNode arguments = node.putObject("Arguments");
        arguments.put("--switchyard-category", "RAW");
        arguments.put("--switchyard-run-date", "2026-11-30");
        return node;
    }

    @Test
    void shouldAnswerTheJobRunOfASucceededRunAndPassArgumentsAsEnvironment() throws Exception {
        LocalGlue glue = glue("ok: echo \"$SWITCHYARD_CATEGORY $SWITCHYARD_RUN_DATE $GLUE_JOB_NAME\"\n");
        JsonNode jobRun = glue.startJobRunSync(parameters("ok"), "RAW-2026-11-30");

        assertThat(jobRun.path("JobRunState").asText()).isEqualTo("SUCCEEDED");
        assertThat(jobRun.path("JobName").asText()).isEqualTo("ok");
        assertThat(jobRun.path("Id").asText()).matches("jr_[0-9a-f]{64}");
        assertThat(jobRun.path("Arguments").path("--switchyard-run-date").asText())
                .isEqualTo("2026-11-30");
        assertThat(jobRun.path("CompletedOn").asLong())
                .isGreaterThanOrEqualTo(jobRun.path("StartedOn").asLong());
        LocalGlue.Run run = glue.runs().getFirst();
        assertThat(Files.readString(run.log())).isEqualTo("RAW 2026-11-30 ok\n");
        assertThat(run.executionName()).isEqualTo("RAW-2026-11-30");
    }

    @Test
    void shouldFailTheTaskWithTheJobRunAsCauseAndTheLastLineAsError() throws Exception {
        LocalGlue glue = glue("bad: echo working; echo 'disk full' >&2; exit 3\n");
        LocalGlue.JobRunFailed failed =
                catchThrowableOfType(LocalGlue.JobRunFailed.class, () -> glue.startJobRunSync(parameters("bad"), "x"));

        assertThat(failed.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = Json.mapper().readTree(failed.cause());
        assertThat(cause.path("JobRunState").asText()).isEqualTo("FAILED");
        assertThat(cause.path("JobName").asText()).isEqualTo("bad");
        assertThat(cause.path("ErrorMessage").asText()).isEqualTo("exit code 3: disk full");
    }

    @Test
    void shouldKillAJobPastItsTimeoutAndReportItTimeout() throws Exception {
        LocalGlue glue = glue("slow:\n  command: echo $$ > slow.pid; exec sleep 30\n  timeoutSeconds: 1\n");
        LocalGlue.JobRunFailed failed =
                catchThrowableOfType(LocalGlue.JobRunFailed.class, () -> glue.startJobRunSync(parameters("slow"), "x"));

        assertThat(Json.mapper().readTree(failed.cause()).path("JobRunState").asText())
                .isEqualTo("TIMEOUT");
        assertThat(glue.runs().getFirst().state()).isEqualTo(JobRunState.TIMEOUT);
        assertDead(dir.resolve("slow.pid"));
    }

    @Test
    void shouldAnswerEntityNotFoundForAJobWithoutACommand() throws IOException {
        LocalGlue glue = glue("ok: true\n");
        assertThatThrownBy(() -> glue.startJobRunSync(parameters("missing"), "x"))
                .isInstanceOfSatisfying(LocalGlue.JobRunFailed.class, e -> {
                    assertThat(e.error()).isEqualTo("Glue.EntityNotFoundException");
                    assertThat(e.cause()).contains("missing").contains("jobs.yaml");
                });
        assertThat(events).isEmpty();
    }

    @Test
    void shouldEmitEventsTheDecoderAcceptsAndAnswerGetJobRunWithTheArguments() throws Exception {
        LocalGlue glue = glue("ok: true\nbad: false\n");
        glue.startJobRunSync(parameters("ok"), "x");
        catchThrowableOfType(LocalGlue.JobRunFailed.class, () -> glue.startJobRunSync(parameters("bad"), "x"));

        EventDecoder decoder = new EventDecoder();
        List<GlueJobEvent> decoded = events.stream()
                .map(json -> decoder.decode(json, "test"))
                .map(r -> (GlueJobEvent) ((Received.Accepted) r).event())
                .toList();
        assertThat(decoded)
                .extracting(GlueJobEvent::jobName, GlueJobEvent::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ok", JobRunState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("ok", JobRunState.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("bad", JobRunState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple("bad", JobRunState.FAILED));

        String runId = decoded.get(1).jobRunId();
        GlueRun run = glue.jobRun("ok", runId).orElseThrow();
        assertThat(run.arguments()).containsEntry("--switchyard-category", "RAW");
        assertThat(run.state()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(glue.jobRun("bad", runId)).isEmpty();
        assertThat(glue.jobRuns("bad", 5))
                .singleElement()
                .extracting(GlueRun::state)
                .isEqualTo(JobRunState.FAILED);
    }

    @Test
    void shouldTurnArgumentNamesIntoVariableNames() {
        assertThat(LocalGlue.variable("--switchyard-run-date")).isEqualTo("SWITCHYARD_RUN_DATE");
        assertThat(LocalGlue.variable("--my.arg")).isEqualTo("MY_ARG");
    }

    @Test
    void shouldStopRunningCommandsWhenStoppedAndReportThemStopped() throws Exception {
        LocalGlue glue = glue("long: echo started; exec sleep 30\n");
        CompletableFuture<Throwable> ended = start(glue, "long").ended();

        glue.stopAll();

        assertThat(ended.get()).isInstanceOf(LocalGlue.JobRunFailed.class);
        assertThat(glue.runs().getFirst().state()).isEqualTo(JobRunState.STOPPED);
        assertThat(events).last().asString().contains("\"state\":\"STOPPED\"");
    }

    @Test
    void shouldReportARunStoppedWhenItsTaskIsInterrupted() throws Exception {
        LocalGlue glue = glue("long: echo started; exec sleep 30\n");
        Started started = start(glue, "long");
        Thread task = started.thread();
        CompletableFuture<Throwable> ended = started.ended();

        task.interrupt();

        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        assertThat(glue.runs().getFirst().state()).isEqualTo(JobRunState.STOPPED);
        assertThat(events).last().asString().contains("\"state\":\"STOPPED\"");
    }

    @Test
    void shouldKillWhatACommandStartedWhenItIsStopped() throws Exception {
        LocalGlue glue = glue("parent: sleep 60 & echo $! > child.pid; echo started; wait\n");
        CompletableFuture<Throwable> ended = start(glue, "parent").ended();

        glue.stopAll();

        assertThat(ended.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(LocalGlue.JobRunFailed.class);
        assertThat(glue.runs().getFirst().state()).isEqualTo(JobRunState.STOPPED);
        assertDead(dir.resolve("child.pid"));
    }

    /** The process whose id the file holds has ended, or ends within 5 s (it was killed, not left to finish). */
    private static void assertDead(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            process.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS); // throws TimeoutException if alive
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    /** A job run on a thread of its own, and how it ended (null: it succeeded). */
    private record Started(Thread thread, CompletableFuture<Throwable> ended) {}

    /** Starts {@code job} on a virtual thread and returns once its command has written "started". */
    private static Started start(LocalGlue glue, String job) throws Exception {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                glue.startJobRunSync(parameters(job), "x");
                ended.complete(null);
            } catch (Exception e) {
                ended.complete(e);
            }
        });
        awaitLog(glue, "started");
        return new Started(thread, ended);
    }

    /** Waits until the first run's log holds {@code text}: its command is running. Fails after 30 s. */
    private static void awaitLog(LocalGlue glue, String text) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L; // a guard against hanging, not a measurement
        while (glue.runs().isEmpty()
                || !Files.exists(glue.runs().getFirst().log())
                || !Files.readString(glue.runs().getFirst().log()).contains(text)) {
            assertThat(System.nanoTime())
                    .as("the command never wrote '%s'", text)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
