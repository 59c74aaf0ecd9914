package dev.switchyard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Digests;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Glue on a laptop: runs the {@code jobs.yaml} command of a job where Glue would run the job, answers what
 * {@code glue:startJobRun.sync} answers (the run's {@code JobRun}) or fails as it fails, emits the EventBridge
 * events Glue emits, and answers {@code GetJobRun} with the run's arguments, so the reactor attributes runs as
 * it does on AWS.
 *
 * <p>A command runs with {@code sh -c} in the project directory; its output goes to a log file per run; the
 * run's arguments reach it as environment variables ({@code --switchyard-run-date} as {@code
 * SWITCHYARD_RUN_DATE}), as do {@code GLUE_JOB_NAME} and {@code GLUE_JOB_RUN_ID}. Exit 0 is SUCCEEDED, any
 * other exit FAILED, running past the job's {@code timeoutSeconds} TIMEOUT (the command and its children are
 * killed), and an interrupted task STOPPED.
 */
public final class LocalGlue implements GlueRuns {
    /** The Step Functions resource this stands in for. */
    public static final String RESOURCE = "arn:aws:states:::glue:startJobRun.sync";

    static final String ACCOUNT = "000000000000";
    static final String REGION = "local";
    private static final int MAX_ERROR_MESSAGE = 400;
    private static final int EXIT_SIGINT = 130;
    private static final int EXIT_SIGTERM = 143;

    /** What happens to runs, for progress output. Called from the threads that run the jobs. */
    public interface Listener {
        default void started(Run run) {}

        default void finished(Run run) {}
    }

    /** One run of a job. */
    public record Run(
            String jobName,
            String jobRunId,
            String executionName,
            Map<String, String> arguments,
            Instant startedOn,
            Instant completedOn,
            JobRunState state,
            String errorMessage,
            Path log) {

        /** Seconds from start to end, or 0 while running. */
        public double durationSeconds() {
            return completedOn == null
                    ? 0
                    : Duration.between(startedOn, completedOn).toMillis() / 1000.0;
        }
    }

    /** The {@code .sync} task failed as Step Functions reports it: an error name and a cause. */
    public static final class JobRunFailed extends Exception {
        private final String error;
        private final String cause;

        JobRunFailed(String error, String cause) {
            super(error + ": " + cause);
            this.error = error;
            this.cause = cause;
        }

        public String error() {
            return error;
        }

        public String cause() {
            return cause;
        }
    }

    private final JobsFile jobs;
    private final Path workDir;
    private final Path logDir;
    private final Clock clock;
    private final Consumer<String> events;
    private final Listener listener;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final java.util.Set<Process> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param workDir where commands run (the project directory)
     * @param logDir where each run's output goes, as {@code JOB/RUN_ID.log}
     * @param events receives each event as EventBridge delivers it (one JSON object)
     */
    public LocalGlue(
            JobsFile jobs, Path workDir, Path logDir, Clock clock, Consumer<String> events, Listener listener) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.logDir = Objects.requireNonNull(logDir, "logDir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Starts a job run and waits for its end, as {@code glue:startJobRun.sync} does.
     *
     * @param parameters the task's effective input: {@code {"JobName": ..., "Arguments"?: {...}}}
     * @param executionName the execution that starts it, kept with the run for reports
     * @return the run's {@code JobRun} (timestamps in epoch milliseconds, as the integration answers)
     * @throws JobRunFailed {@code Glue.EntityNotFoundException} for a job jobs.yaml does not name, {@code
     *     Glue.InvalidInputException} for bad parameters, {@code States.TaskFailed} (cause: the {@code JobRun})
     *     for a run that ended FAILED, TIMEOUT or STOPPED
     */
    public JsonNode startJobRunSync(JsonNode parameters, String executionName)
            throws JobRunFailed, InterruptedException {
        String jobName = parameters.path("JobName").asText("");
        if (jobName.isEmpty()) {
            throw new JobRunFailed("Glue.InvalidInputException", "JobName is required");
        }
        JobsFile.LocalJob job = jobs.job(jobName)
                .orElseThrow(() -> new JobRunFailed(
                        "Glue.EntityNotFoundException",
                        "Job " + jobName + " not found: " + jobs.file() + " has no command for it"));
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : parameters.path("Arguments").properties()) {
            if (!field.getValue().isTextual()) {
                throw new JobRunFailed(
                        "Glue.InvalidInputException", "argument " + field.getKey() + " must be a string");
            }
            arguments.put(field.getKey(), field.getValue().asText());
        }

        if (stopping) {
            // Switchyard is being stopped: the execution is being stopped too, and nothing new starts.
            throw new InterruptedException("switchyard is stopping: " + jobName + " is not started");
        }
        String runId = "jr_" + Digests.hex(32, jobName + "/" + sequence.incrementAndGet() + "/" + System.nanoTime());
        Path log = logDir.resolve(safe(jobName)).resolve(runId + ".log");
        Instant started = clock.instant();
        Run run = new Run(jobName, runId, executionName, arguments, started, null, JobRunState.RUNNING, null, log);
        runs.put(runId, run);
        listener.started(run);
        events.accept(GlueEventJson.runStatus(run, clock.instant()));

        Run ended;
        try {
            ended = execute(job, run);
        } catch (InterruptedException e) {
            // The execution was stopped: Glue stops the run and says so.
            end(ended(run, JobRunState.STOPPED, "stopped: the execution was stopped"));
            throw e;
        }
        end(ended);
        ObjectNode jobRun = jobRun(ended, job);
        if (ended.state() != JobRunState.SUCCEEDED) {
            throw new JobRunFailed("States.TaskFailed", jobRun.toString());
        }
        return jobRun;
    }

    private void end(Run ended) {
        runs.put(ended.jobRunId(), ended);
        events.accept(GlueEventJson.stateChange(ended, ended.completedOn()));
        listener.finished(ended);
    }

    private Run execute(JobsFile.LocalJob job, Run run) throws InterruptedException {
        Process process;
        try {
            Files.createDirectories(run.log().getParent());
            ProcessBuilder builder = new ProcessBuilder(command(job.command()))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(run.log().toFile());
            Map<String, String> env = builder.environment();
            env.put("GLUE_JOB_NAME", run.jobName());
            env.put("GLUE_JOB_RUN_ID", run.jobRunId());
            run.arguments().forEach((name, value) -> env.put(variable(name), value));
            process = builder.start();
            live.add(process);
            if (stopping) {
                kill(process); // stopAll ran between the start and the line above
            }
        } catch (IOException e) {
            return ended(run, JobRunState.FAILED, "cannot start the command: " + e.getMessage());
        }
        try {
            boolean exited = job.timeout() == null
                    ? waitFor(process)
                    : process.waitFor(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                kill(process);
                return ended(
                        run,
                        JobRunState.TIMEOUT,
                        "the job ran past its timeout of " + job.timeout().toSeconds() + " s and was stopped");
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        } finally {
            live.remove(process);
        }
        int exit = process.exitValue();
        // Without setsid, Ctrl-C reaches the commands too, often before Switchyard sees it: 128 + SIGINT or
        // SIGTERM. Nothing more starts then.
        if (exit == EXIT_SIGINT || exit == EXIT_SIGTERM) {
            stopping = true;
        }
        if (stopping && exit != 0) {
            return ended(run, JobRunState.STOPPED, "stopped (exit code " + exit + ")");
        }
        return exit == 0
                ? ended(run, JobRunState.SUCCEEDED, null)
                : ended(run, JobRunState.FAILED, "exit code " + exit + lastLine(run.log()));
    }

    /** Kills every command still running (and its children): a run interrupted by Ctrl-C leaves none behind. */
    public void stopAll() {
        stopping = true;
        live.forEach(LocalGlue::kill);
    }

    /** Whether this Glue has been stopped, or a command ended as Ctrl-C ends one: no job starts any more. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * {@code sh -c COMMAND}, in a session of its own where {@code setsid} exists (Linux): Ctrl-C in the terminal
     * then reaches Switchyard alone, which stops the jobs itself, and killing the command's process group kills
     * whatever it started. {@code -w} waits for the command and answers its exit status.
     */
    static List<String> command(String text) {
        return SETSID ? List.of("setsid", "-w", "sh", "-c", text) : List.of("sh", "-c", text);
    }

    private static final boolean SETSID = onPath("setsid");

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static void kill(Process process) {
        if (SETSID) {
            // The command leads its own process group (setsid ran it in place): kill the group, children included,
            // even one forked after a look at the descendants would have been taken.
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // fall back on the descendants below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private Run ended(Run run, JobRunState state, String error) {
        return new Run(
                run.jobName(),
                run.jobRunId(),
                run.executionName(),
                run.arguments(),
                run.startedOn(),
                clock.instant(),
                state,
                error,
                run.log());
    }

    /** The JobRun object of the .sync integration's answer. */
    private static ObjectNode jobRun(Run run, JobsFile.LocalJob job) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("Attempt", 0);
        ObjectNode args = node.putObject("Arguments");
        run.arguments().forEach(args::put);
        node.put("CompletedOn", run.completedOn().toEpochMilli());
        if (run.errorMessage() != null) {
            node.put("ErrorMessage", run.errorMessage());
        }
        node.put(
                "ExecutionTime",
                Duration.between(run.startedOn(), run.completedOn()).toSeconds());
        node.put("Id", run.jobRunId());
        node.put("JobName", run.jobName());
        node.put("JobRunState", run.state().name());
        node.put("LastModifiedOn", run.completedOn().toEpochMilli());
        node.put("LogGroupName", run.log().toString());
        node.putArray("PredecessorRuns");
        node.put("StartedOn", run.startedOn().toEpochMilli());
        if (job.timeout() != null) {
            node.put("Timeout", Math.max(1, job.timeout().toMinutes()));
        }
        return node;
    }

    /** The runs of this Glue, in start order. */
    public List<Run> runs() {
        List<Run> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparing(Run::startedOn).thenComparing(Run::jobRunId));
        return all;
    }

    @Override
    public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
        Run run = runs.get(jobRunId);
        return run == null || !run.jobName().equals(jobName) ? Optional.empty() : Optional.of(glueRun(run));
    }

    @Override
    public List<GlueRun> jobRuns(String jobName, int max) {
        return runs().reversed().stream()
                .filter(r -> r.jobName().equals(jobName))
                .limit(max)
                .map(LocalGlue::glueRun)
                .toList();
    }

    private static GlueRun glueRun(Run run) {
        Long executionTime = run.completedOn() == null
                ? null
                : Duration.between(run.startedOn(), run.completedOn()).toSeconds();
        return new GlueRun(
                run.jobName(),
                run.jobRunId(),
                run.state(),
                run.startedOn(),
                run.completedOn(),
                executionTime,
                0,
                null,
                null,
                null,
                run.errorMessage(),
                run.arguments());
    }

    /** {@code --switchyard-run-date} → {@code SWITCHYARD_RUN_DATE}. */
    static String variable(String argument) {
        return argument.replaceFirst("^-+", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String safe(String jobName) {
        return jobName.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The last line the command wrote, which usually says why it failed. */
    private static String lastLine(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, 4096);
            byte[] tail = new byte[size];
            file.seek(length - size);
            file.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).strip().split("\n");
            String last = lines[lines.length - 1].strip();
            if (last.isEmpty()) {
                return "";
            }
            return ": " + (last.length() > MAX_ERROR_MESSAGE ? last.substring(0, MAX_ERROR_MESSAGE) + "…" : last);
        } catch (IOException e) {
            return "";
        }
    }
}
