package dev.switchyard.cli;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.aws.AwsClients;
import dev.switchyard.aws.GlueJobRuns;
import dev.switchyard.aws.StepFunctionsStarter;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.ingest.lambda.EventBridgeHandler;
import dev.switchyard.ingest.lambda.ReconcileHandler;
import dev.switchyard.ingest.lambda.TableStreamHandler;
import dev.switchyard.ingest.lambda.Wiring;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.CategoryRunOpener;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.store.MissingTableException;
import dev.switchyard.sinks.EmfMetricSink;
import dev.switchyard.sinks.JsonLinesFile;
import dev.switchyard.sinks.LogSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code switchyard invoke}: runs one of the Lambda handlers locally on an event file, as {@code sam local
 * invoke} would: the response on standard output, the function's log (metrics as CloudWatch EMF, audit
 * entries, rejections, retries, and the runs it started) on standard error.
 */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a Lambda handler locally on an event file, as sam local invoke would, against a store.",
            "",
            "HANDLER is events (EventBridgeHandler: a Glue job event or a Step Functions execution status change,"
                    + " given as EventBridge delivers it), table-stream (TableStreamHandler: a DynamoDB stream batch in"
                    + " the Lambda event format) or reconcile (ReconcileHandler: one reconciliation sweep; the event"
                    + " is optional).",
            "",
            "The handler's response is printed on standard output; the function's log (metrics as CloudWatch"
                    + " EMF lines unless --metrics-file, audit entries unless --audit-file, rejections, records to"
                    + " retry, and category runs started) goes to standard error. Time is the system clock.",
            "",
            "A category run that becomes due is started locally unless --state-machine is given: its run is"
                    + " opened in the same store with the jobs its plan schedules, and a run with none to run"
                    + " succeeds at once and chains on.",
        },
        footer = {
            "",
            "Exit status: 0 the handler answered (rejected events and failed batch items included), 1 the handler"
                    + " threw (its error is printed as Lambda's errorMessage/errorType JSON), 2 bad arguments.",
            "",
            "Examples:",
            "  switchyard invoke events --event glue-event.json --table sqlite:",
            "  switchyard invoke table-stream --event batch.json --table sqlite:",
            "  switchyard invoke reconcile --table dynamodb:glue-control --glue aws",
            "",
        })
final class InvokeCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(
            index = "0",
            paramLabel = "HANDLER",
            converter = HandlerConverter.class,
            completionCandidates = HandlerNames.class,
            description = "events, table-stream or reconcile.")
    private Handler handler;

    @Option(
            names = "--event",
            paramLabel = "FILE",
            description = "The event, as AWS would deliver it to the function (required but for reconcile,"
                    + " which gets {} without it).")
    private Path event;

    @Mixin
    private TableOption table;

    @Option(
            names = "--glue",
            paramLabel = "SOURCE",
            defaultValue = "none",
            description = "none: no GetJobRun, so run details come from the events only; aws: ask AWS Glue, in"
                    + " --region (default: ${DEFAULT-VALUE}).")
    private GlueSource glue;

    @Option(
            names = "--state-machine",
            paramLabel = "ARN",
            description = "Start due category runs as executions of this deployed state machine, in --region"
                    + " (default: open them locally in the store).")
    private String stateMachine;

    @Option(
            names = "--metrics-file",
            paramLabel = "FILE",
            description = "Append job-run metrics to this JSON Lines file (default: CloudWatch EMF lines in the log,"
                    + " as in Lambda).")
    private Path metricsFile;

    @Option(
            names = "--audit-file",
            paramLabel = "FILE",
            description = "Append audit entries to this JSON Lines file (default: JSON lines in the log).")
    private Path auditFile;

    @Mixin
    private FormatOption format;

    /** The handlers, by the name a user types. */
    enum Handler {
        EVENTS("events"),
        TABLE_STREAM("table-stream"),
        RECONCILE("reconcile");

        final String label;

        Handler(String label) {
            this.label = label;
        }
    }

    /** Where Glue's run details come from. */
    enum GlueSource {
        none,
        aws
    }

    /** Reads HANDLER; a wrong name is a bad argument (exit 2) with the names that exist. */
    static final class HandlerConverter implements CommandLine.ITypeConverter<Handler> {
        @Override
        public Handler convert(String value) {
            for (Handler h : Handler.values()) {
                if (h.label.equals(value)) {
                    return h;
                }
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a handler; use events, table-stream or reconcile");
        }
    }

    /** The names HANDLER takes, for completion. */
    static final class HandlerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(Handler.values()).stream().map(h -> h.label).iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = main.out();
        PrintWriter err = main.err();
        Input input = read();
        String region = table.region;
        TableOption storeTable = storeOption();
        Clock clock = main.clock();
        List<AutoCloseable> files = new ArrayList<>();
        try (Store store = Store.open(storeTable, clock)) {
            PrintStream log = logOf(err);
            ReactorConfig config = ReactorConfig.defaults();
            LocalStarter local = stateMachine == null
                    ? new LocalStarter(
                            new CategoryRunOpener(
                                    store.jobs(), new CategoryRuns(store.stateItems(), config.runRetention())),
                            clock,
                            err)
                    : null;
            Ports ports = new Ports(
                    glueRuns(region),
                    local != null ? local : stepFunctions(region),
                    metricsFile == null
                            ? new EmfMetricSink(log)
                            : InvokeCommand.<JobRunMetric>opened(files, metricsFile),
                    auditFile == null
                            ? LogSink.<AuditEntry>audit(log)
                            : InvokeCommand.<AuditEntry>opened(files, auditFile),
                    Sink.discard());
            Wiring wiring = Wiring.of(store.jobs(), store.stateItems(), ports, config, LogSink.rejections(log), clock)
                    .withLog(log);
            if (local != null) {
                local.attach(wiring.reactor());
            }
            JsonNode response;
            try {
                response = invoke(wiring, input);
            } catch (MissingTableException | UserError e) {
                throw e;
            } catch (RuntimeException e) {
                // As Lambda reports a function error: errorMessage and errorType.
                ObjectNode error = Json.mapper()
                        .createObjectNode()
                        .put("errorMessage", String.valueOf(e.getMessage()))
                        .put("errorType", e.getClass().getName());
                out.println(error);
                if (!format.json()) {
                    err.printf(
                            "switchyard: invoke %s: the handler threw %s: %s%n",
                            handler.label, e.getClass().getSimpleName(), e.getMessage());
                }
                return 1;
            }
            out.println(response);
            if (!format.json()) {
                err.println("switchyard: invoke " + handler.label + ": " + summary(response));
            }
            return 0;
        } finally {
            for (AutoCloseable file : files) {
                try {
                    file.close();
                } catch (Exception e) {
                    err.println("switchyard: " + e.getMessage());
                }
            }
        }
    }

    /** The event, read and bound as the Lambda runtime would before calling the handler. */
    private record Input(byte[] bytes, DynamodbEvent streamEvent, Map<String, Object> scheduled) {}

    private Input read() {
        if (event == null) {
            if (handler != Handler.RECONCILE) {
                throw new UserError("invoke " + handler.label + " needs the event: --event FILE");
            }
            return new Input(null, null, Map.of());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(event);
        } catch (NoSuchFileException e) {
            throw new UserError(event + ": no such file");
        } catch (IOException e) {
            throw new UserError(event + ": cannot read: " + e.getMessage());
        }
        return switch (handler) {
            case EVENTS -> new Input(bytes, null, null);
            case TABLE_STREAM -> new Input(bytes, streamEvent(bytes), null);
            case RECONCILE -> new Input(bytes, null, scheduledEvent(bytes));
        };
    }

    private DynamodbEvent streamEvent(byte[] bytes) {
        try {
            return LambdaEventSerializers.serializerFor(DynamodbEvent.class, InvokeCommand.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
            throw new UserError(event + " is not a DynamoDB stream event in the Lambda format ({\"Records\": [...]}): "
                    + rootMessage(e));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> scheduledEvent(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, Map.class);
        } catch (IOException | RuntimeException e) {
            throw new UserError(event + " is not a JSON object: " + rootMessage(e));
        }
    }

    private JsonNode invoke(Wiring wiring, Input input) throws IOException {
        return switch (handler) {
            case EVENTS -> {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                new EventBridgeHandler(wiring).handleRequest(new ByteArrayInputStream(input.bytes()), response, null);
                yield Json.mapper().readTree(response.toByteArray());
            }
            case TABLE_STREAM ->
                streamResponse(new TableStreamHandler(wiring).handleRequest(input.streamEvent(), null));
            // Lambda would answer the summary as a JSON string; the object it holds is more use here.
            case RECONCILE ->
                Json.mapper().readTree(new ReconcileHandler(wiring).handleRequest(input.scheduled(), null));
        };
    }

    /** The partial batch response as Lambda reads it: {@code {"batchItemFailures": [{"itemIdentifier": …}]}}. */
    private static JsonNode streamResponse(StreamsEventResponse response) {
        ObjectNode json = Json.mapper().createObjectNode();
        ArrayNode failures = json.putArray("batchItemFailures");
        if (response.getBatchItemFailures() != null) {
            response.getBatchItemFailures()
                    .forEach(f -> failures.addObject().put("itemIdentifier", f.getItemIdentifier()));
        }
        return json;
    }

    private String summary(JsonNode response) {
        return switch (handler) {
            case EVENTS ->
                response.path("outcome").asText() + ": "
                        + response.path("detail").asText();
            case TABLE_STREAM -> {
                List<String> failed = response.get("batchItemFailures").findValuesAsText("itemIdentifier");
                yield failed.isEmpty()
                        ? "no record failed"
                        : Words.count(failed.size(), "record") + " failed and will be retried: "
                                + String.join(
                                        ", ",
                                        failed.stream()
                                                .map(s -> s.isEmpty() ? "(the whole batch)" : s)
                                                .toList());
            }
            case RECONCILE ->
                Words.count(response.path("jobsStuck").asInt(), "job") + " stuck, "
                        + Words.count(response.path("entriesPending").asInt(), "manifest entry") + " pending, "
                        + Words.count(response.path("runsFound").asInt(), "final run") + " found in Glue";
        };
    }

    /**
     * The table option Store.open sees: --region also names the region of Glue and Step Functions, so with
     * a SQLite store it is not an error when those are used.
     */
    private TableOption storeOption() {
        boolean usesAws = glue == GlueSource.aws || stateMachine != null;
        if (table.region == null || !usesAws || TableSource.parse(table.table).kind() == TableSource.Kind.DYNAMODB) {
            return table;
        }
        TableOption storeTable = new TableOption();
        storeTable.table = table.table;
        storeTable.endpoint = table.endpoint;
        return storeTable;
    }

    private GlueRuns glueRuns(String region) {
        if (glue == GlueSource.none) {
            return GlueRuns.NONE;
        }
        try {
            return new GlueJobRuns(AwsClients.glue(AwsClients.Settings.DEFAULT.withRegion(region)));
        } catch (IllegalStateException e) {
            throw new UserError("--glue aws: " + e.getMessage());
        }
    }

    private ExecutionStarter stepFunctions(String region) {
        try {
            return new StepFunctionsStarter(
                    AwsClients.stepFunctions(AwsClients.Settings.DEFAULT.withRegion(region)), stateMachine);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("--state-machine: " + e.getMessage());
        }
    }

    private static <T> Sink<T> opened(List<AutoCloseable> files, Path file) {
        JsonLinesFile<T> sink = new JsonLinesFile<>(file);
        files.add(sink);
        return sink;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    /** The function's log: a stream (what the sinks write to) onto the command's standard error, line by line. */
    static PrintStream logOf(PrintWriter err) {
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public void flush() {
                err.write(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
                err.flush();
            }
        };
        return new PrintStream(lines, true, StandardCharsets.UTF_8);
    }

    /**
     * Starts a category run as the deployed state machine's first step would: opens the run in the store with
     * the jobs its plan schedules (opening again keeps the first manifest), and lets the reactor chain on from
     * a run with nothing to run, which has succeeded at once. Says what it started in the log.
     */
    static final class LocalStarter implements ExecutionStarter {
        private final CategoryRunOpener opener;
        private final Clock clock;
        private final PrintWriter log;
        private Reactor reactor;

        LocalStarter(CategoryRunOpener opener, Clock clock, PrintWriter log) {
            this.opener = opener;
            this.clock = clock;
            this.log = log;
        }

        void attach(Reactor reactor) {
            this.reactor = reactor;
        }

        @Override
        public String start(String category, LocalDate runDate, String environment) {
            Instant now = clock.instant();
            CategoryRunOpener.Opened opened = opener.open(category, runDate, environment, now);
            List<String> jobs = CategoryRunOpener.scheduled(opened.plan());
            log.printf(
                    "switchyard: started %s for %s locally: %s, %s%s%n",
                    category,
                    runDate,
                    opened.run().created() ? "opened its category run" : "its category run was open already",
                    jobs.isEmpty() ? "no job to run" : Words.count(jobs.size(), "job") + " to run: ",
                    String.join(", ", jobs));
            log.flush();
            if (reactor != null) {
                reactor.opened(opened.run().run(), now);
            }
            return "local:" + ExecutionStarter.executionName(category, runDate);
        }
    }
}
