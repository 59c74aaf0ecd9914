package dev.switchyard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.aws.AwsClients;
import dev.switchyard.aws.EventBridgeSink;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.anomaly.AnomalyConfig;
import dev.switchyard.reactor.anomaly.AnomalyDetector;
import dev.switchyard.reactor.anomaly.Durations;
import dev.switchyard.reactor.anomaly.Findings;
import dev.switchyard.reactor.anomaly.RunningJob;
import dev.switchyard.reactor.react.RunningRows;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code switchyard anomalies}: job runs far slower or faster than their job's recent successful runs, and runs
 * still going far longer than usual, found in job-run metrics (SPEC §4, §6) by {@link AnomalyDetector}.
 */
@Command(
        name = "anomalies",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Finds job runs whose duration is far outside their job's usual: SLOW (far slower), FAST (far faster;"
                    + " a job that ends in seconds instead of forty minutes has often read no data) and, with"
                    + " --table, STUCK (still running far longer than its runs usually take).",
            "",
            "Metrics: JobRunMetric records (SPEC §6), from a file of one JSON object a line, as run, replay and"
                    + " the Lambda handlers write them with --metrics-file, or from a Kafka topic (--kafka: every"
                    + " partition from its beginning to its end when reading starts, no consumer group); in any"
                    + " order, duplicates (by MetricId) counted once. A record that is not a valid metric is"
                    + " rejected with its line number (its partition and offset) and reason, and"
                    + " the rest are still judged.",
            "Each run is judged against its job's last 30 successful runs that started before it (at least 10,"
                    + " else it is not judged), on the log of their durations: it is anomalous when its modified"
                    + " z-score |ln d - median| / (1.4826 MAD) is above 3.5, it is at least 30 s and twice (or half)"
                    + " away from the median, and it is anomalous against the job's last 8 runs on the same"
                    + " weekday too, when there are two or more. Only successful runs are judged and form"
                    + " baselines; failed and timed-out runs already raise their own alerts, and runs that never"
                    + " started are left out.",
            "With --table, each job whose StatusFlag says a run has not ended (RUNNING, STARTING, WAITING,"
                    + " STOPPING) is checked at --now: its run started at LastRunStartedOn (else LastRunTimestamp),"
                    + " and is STUCK when that long a run would be SLOW. A run the metrics show has ended is not"
                    + " checked.",
            "With --event-bus, every anomaly is also published as a JobRunAnomaly event (source switchyard) to"
                    + " that EventBridge bus.",
        },
        footer = {
            "",
            "Exit status: 0 every record was read (anomalies found or not) and every anomaly published; 1 some"
                    + " records were rejected or some anomalies could not be published (the rest are still"
                    + " reported); 2 bad arguments, or a metrics file or table that cannot be read.",
            "",
            "Examples:",
            "  switchyard anomalies --metrics .switchyard/metrics.jsonl",
            "  switchyard anomalies --metrics metrics.jsonl --table sqlite: --format json",
            "  switchyard anomalies --kafka b-1.example.com:9094 --topic switchyard.job-runs \\",
            "      --kafka-property security.protocol=SSL",
            "  switchyard anomalies --metrics metrics.jsonl --table dynamodb:glue-control \\",
            "      --region eu-west-1 --event-bus switchyard-events",
            "",
        })
final class AnomaliesCommand implements Callable<Integer> {
    /** How many rejected records are listed on standard error; the JSON output lists them all. */
    private static final int LISTED = 100;

    @ParentCommand
    private Main main;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** Where the metrics come from: one of these. */
    static final class Source {
        @Option(
                names = "--metrics",
                required = true,
                paramLabel = "FILE.jsonl",
                description = "The job-run metrics, JSON Lines.")
        Path metrics;

        @ArgGroup(exclusive = false)
        KafkaTopic.Options kafka;
    }

    @Option(
            names = "--table",
            paramLabel = "TABLE",
            description = "Also check the control table's running jobs for being stuck: a .csv, .json or .yaml"
                    + " file, sqlite:PATH (sqlite: alone is .switchyard/switchyard.db) or dynamodb:NAME.")
    private String table;

    @Option(
            names = "--now",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "The time running jobs are checked at and anomalies are stamped with, e.g."
                    + " 2026-11-30T09:00:00Z (default: the clock).")
    private Instant now;

    @Option(
            names = "--since",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "Report and publish only the runs that ended at or after this instant (stuck runs are"
                    + " always reported), e.g. the time of the previous check: a check on a schedule then"
                    + " publishes each anomaly once. Earlier runs still form the baselines.")
    private Instant since;

    @Option(
            names = "--event-bus",
            paramLabel = "BUS",
            description = "Also publish each anomaly to this EventBridge bus (name or ARN), in --region.")
    private String eventBus;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The AWS region of --event-bus and of dynamodb: tables (default: AWS_REGION or the AWS"
                    + " profile; us-east-1 with --endpoint).")
    private String region;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "The AWS endpoint for --event-bus and dynamodb: tables, e.g. an emulator's"
                    + " http://localhost:4566 (default: AWS's endpoint for the region).")
    private String endpoint;

    @Mixin
    private FormatOption format;

    /** Reads --now: an ISO-8601 instant; a wrong one is a bad argument (exit 2). */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return Timestamps.parse(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "'" + value + "' is not an instant like 2026-11-30T09:00:00Z"));
        }
    }

    /** The source of the metrics, by the options given. A second source (a Kafka topic) is chosen here too. */
    private MetricSource metricSource() {
        return source.kafka != null ? new KafkaTopic(source.kafka) : new MetricsFile(source.metrics);
    }

    @Override
    public Integer call() {
        PrintWriter err = main.err();
        URI awsEndpoint = endpoint();
        TableOption tableOption = tableOption();
        boolean dynamoDb = tableOption != null && tableOption.source().kind() == TableSource.Kind.DYNAMODB;
        if ((region != null || endpoint != null) && eventBus == null && !dynamoDb) {
            throw new UserError("--region and --endpoint are for --event-bus and dynamodb: tables");
        }
        // To the second, as the control table's timestamps are.
        Instant at = (now != null ? now : main.clock().instant()).truncatedTo(ChronoUnit.SECONDS);
        AnomalyDetector detector = new AnomalyDetector(AnomalyConfig.defaults());

        MetricSource metrics = metricSource();
        MetricSource.Read read = metrics.read();
        Durations durations = Durations.of(read.metrics());
        Findings judged = detector.judge(durations, at);
        Running running = tableOption == null ? null : running(tableOption, err);
        Findings stuck = running == null ? null : detector.stuck(durations, running.jobs(), at);

        List<JobRunAnomaly> anomalies = new ArrayList<>(since == null ? judged.anomalies() : endedSince(judged, read));
        if (stuck != null) {
            anomalies.addAll(stuck.anomalies());
        }
        Published published = eventBus == null ? null : publish(anomalies, awsEndpoint);

        Report report = new Report(
                metrics.describe(),
                tableOption == null ? null : tableOption.toString(),
                Timestamps.format(at),
                Thresholds.of(detector.config()),
                new Counts(
                        read.records(),
                        durations.metrics(),
                        durations.duplicates(),
                        durations.jobs(),
                        judged.judged(),
                        judged.tooFewRuns(),
                        durations.withoutDuration(),
                        running == null ? null : running.jobs().size() + running.unchecked(),
                        stuck == null ? null : stuck.judged(),
                        running == null ? null : running.unchecked(),
                        anomalies.size(),
                        read.rejected().size(),
                        published == null ? null : published.count()),
                anomalies.stream().map(Contracts::toTree).toList(),
                read.rejected(),
                published == null ? null : published.failure());
        if (format.json()) {
            main.out().println(json(report));
        } else {
            print(report, anomalies, stuck, main.out());
        }
        reportRejected(metrics, read.rejected(), err);
        if (published != null && published.failure() != null) {
            err.printf(
                    "switchyard: published %d of %s to event bus %s; stopped at %s%n",
                    published.count(), Words.count(anomalies.size(), "anomaly"), eventBus, published.failure());
        }
        boolean complete = read.rejected().isEmpty() && (published == null || published.failure() == null);
        return complete ? 0 : 1;
    }

    /** The anomalies of runs that ended at or after {@code --since}: by CompletedOn, else when the metric was emitted. */
    private List<JobRunAnomaly> endedSince(Findings judged, MetricSource.Read read) {
        Map<String, Instant> ended = new HashMap<>();
        for (JobRunMetric metric : read.metrics()) {
            ended.put(metric.metricId(), metric.completedOn() != null ? metric.completedOn() : metric.emittedAt());
        }
        return judged.anomalies().stream()
                .filter(a -> a.metricId() == null
                        || !ended.getOrDefault(a.metricId(), Instant.MAX).isBefore(since))
                .toList();
    }

    private URI endpoint() {
        return TableOption.endpoint(endpoint, "http://localhost:4566");
    }

    /** The table as the other commands take it; region and endpoint go with it only to DynamoDB. */
    private TableOption tableOption() {
        if (table == null) {
            return null;
        }
        TableOption option = new TableOption();
        option.table = table;
        if (TableSource.parse(table).kind() == TableSource.Kind.DYNAMODB) {
            option.region = region;
            option.endpoint = endpoint;
        }
        return option;
    }

    /** The table's jobs with a run that has not ended, and how many of them could not be checked. */
    private record Running(List<RunningJob> jobs, int unchecked) {}

    private Running running(TableOption option, PrintWriter err) {
        Loaded<ControlTableItem> rows = Store.load(option, main.clock(), null);
        int unreadable = rows.problems(ControlTableItem.JOB_NAME).stream()
                .map(p -> p.location())
                .distinct()
                .toList()
                .size();
        if (unreadable > 0) {
            err.printf(
                    "switchyard: note: %s of %s could not be read and %s not checked; run switchyard validate"
                            + " --table %s%n",
                    Words.count(unreadable, "row"), option, unreadable == 1 ? "was" : "were", option);
        }
        List<RunningJob> jobs = new ArrayList<>();
        int unchecked = 0;
        for (ControlTableItem item : rows.values()) {
            switch (RunningRows.of(item.toAttributes()).orElse(null)) {
                case null -> {}
                case RunningRows.Going going -> jobs.add(going.job());
                case RunningRows.Incomplete incomplete -> {
                    unchecked++;
                    err.printf(
                            "switchyard: note: %s is %s but its row has no %s; not checked%n",
                            incomplete.jobName(), incomplete.status(), incomplete.missing());
                }
            }
        }
        return new Running(jobs, unchecked);
    }

    /** How many anomalies reached the bus, and what stopped the rest. */
    private record Published(int count, String failure) {}

    /**
     * Publishes the anomalies in order and stops at the first that fails: the SDK has retried it already, and a
     * missing bus or missing credentials would fail every one the same way. Consumers de-duplicate, so running
     * the command again publishes the rest.
     */
    private Published publish(List<JobRunAnomaly> anomalies, URI awsEndpoint) {
        EventBridgeClient client;
        try {
            client = AwsClients.eventBridge(
                    AwsClients.Settings.DEFAULT.withRegion(region).withEndpoint(awsEndpoint));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new UserError("--event-bus: " + e.getMessage());
        }
        try (client) {
            EventBridgeSink sink = new EventBridgeSink(client, eventBus);
            int count = 0;
            for (JobRunAnomaly anomaly : anomalies) {
                try {
                    sink.accept(anomaly);
                } catch (RuntimeException e) {
                    return new Published(count, anomaly.subject() + ": " + e.getMessage());
                }
                count++;
            }
            return new Published(count, null);
        }
    }

    private void reportRejected(MetricSource metrics, List<MetricSource.Rejected> rejected, PrintWriter err) {
        if (rejected.isEmpty()) {
            return;
        }
        for (MetricSource.Rejected r : rejected.subList(0, Math.min(LISTED, rejected.size()))) {
            err.println("switchyard: rejected " + r);
        }
        if (rejected.size() > LISTED) {
            err.printf("switchyard: … and %d more (--format json lists every one)%n", rejected.size() - LISTED);
        }
        err.printf(
                "switchyard: %s of %s rejected; the rest were judged%n",
                Words.count(rejected.size(), "record"), metrics.describe());
    }

    /** The thresholds the anomalies were found with, for the output. */
    @JsonPropertyOrder({
        "Threshold",
        "Scale",
        "Window",
        "MinRuns",
        "MinDeviationSeconds",
        "MinRatio",
        "Seasonal",
        "JudgeUnsuccessful"
    })
    record Thresholds(
            @JsonProperty("Threshold") double threshold,
            @JsonProperty("Scale") String scale,
            @JsonProperty("Window") int window,
            @JsonProperty("MinRuns") int minRuns,
            @JsonProperty("MinDeviationSeconds") long minDeviationSeconds,
            @JsonProperty("MinRatio") double minRatio,
            @JsonProperty("Seasonal") boolean seasonal,
            @JsonProperty("JudgeUnsuccessful") boolean judgeUnsuccessful) {
        static Thresholds of(AnomalyConfig c) {
            return new Thresholds(
                    c.threshold(),
                    c.scale().name(),
                    c.window(),
                    c.minRuns(),
                    c.minDeviationSeconds(),
                    c.minRatio(),
                    c.seasonal(),
                    c.judgeUnsuccessful());
        }
    }

    /**
     * What was read and judged.
     *
     * @param records records read, rejected ones included
     * @param metrics distinct metrics (by MetricId)
     * @param judged finished runs compared with a baseline
     * @param tooFewRuns finished runs not judged: fewer than 10 earlier successful runs of their job
     * @param running jobs of the table with a run that has not ended (null without --table)
     * @param runningJudged of those, the ones compared with a baseline
     * @param unchecked of those, the ones whose row names no run id or start
     * @param published anomalies published (null without --event-bus)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "Records",
        "Metrics",
        "Duplicates",
        "Jobs",
        "Judged",
        "TooFewRuns",
        "WithoutDuration",
        "Running",
        "RunningJudged",
        "Unchecked",
        "Anomalies",
        "Rejected",
        "Published"
    })
    record Counts(
            @JsonProperty("Records") long records,
            @JsonProperty("Metrics") int metrics,
            @JsonProperty("Duplicates") int duplicates,
            @JsonProperty("Jobs") int jobs,
            @JsonProperty("Judged") int judged,
            @JsonProperty("TooFewRuns") int tooFewRuns,
            @JsonProperty("WithoutDuration") int withoutDuration,
            @JsonProperty("Running") Integer running,
            @JsonProperty("RunningJudged") Integer runningJudged,
            @JsonProperty("Unchecked") Integer unchecked,
            @JsonProperty("Anomalies") int anomalies,
            @JsonProperty("Rejected") int rejected,
            @JsonProperty("Published") Integer published) {}

    /** What {@code --format json} prints: the anomalies as the JobRunAnomaly events the bus receives. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Metrics", "Table", "Now", "Thresholds", "Counts", "Anomalies", "Rejected", "NotPublished"})
    record Report(
            @JsonProperty("Metrics") String metrics,
            @JsonProperty("Table") String table,
            @JsonProperty("Now") String now,
            @JsonProperty("Thresholds") Thresholds thresholds,
            @JsonProperty("Counts") Counts counts,
            @JsonProperty("Anomalies") List<JsonNode> anomalies,
            @JsonProperty("Rejected") List<MetricSource.Rejected> rejected,
            @JsonProperty("NotPublished") String notPublished) {}

    private static void print(Report report, List<JobRunAnomaly> anomalies, Findings stuck, PrintWriter out) {
        Counts c = report.counts();
        out.printf(
                "Judged %s of %s in %s%s.%n",
                Words.count(c.judged(), "run"), Words.count(c.jobs(), "job"), report.metrics(), notes(c));
        if (stuck != null) {
            List<String> others = new ArrayList<>();
            if (stuck.tooFewRuns() > 0) {
                others.add(stuck.tooFewRuns() + " had fewer than 10 earlier successful runs");
            }
            int ended = c.running() - c.unchecked() - stuck.judged() - stuck.tooFewRuns();
            if (ended > 0) {
                others.add(ended + " had ended by the metrics");
            }
            if (c.unchecked() > 0) {
                others.add(c.unchecked() + " could not be checked");
            }
            out.printf(
                    "Checked %d of %s in %s at %s%s.%n",
                    stuck.judged(),
                    Words.count(c.running(), "running job"),
                    report.table(),
                    report.now(),
                    others.isEmpty() ? "" : "; " + String.join(", ", others));
        }
        out.println();
        if (anomalies.isEmpty()) {
            out.println("No anomalies.");
        } else {
            out.println(Words.count(anomalies.size(), "anomaly") + ":");
            TextTable t = new TextTable(
                    "JOB", "KIND", "RUN DATE", "RUN", "TOOK", "USUALLY (MEDIAN ± MAD)", "OF RUNS", "SCORE");
            for (JobRunAnomaly a : anomalies) {
                t.row(
                        a.jobName(),
                        a.kind(),
                        a.runDate(),
                        a.jobRunId(),
                        seconds(a.durationSeconds()) + (a.kind() == JobRunAnomaly.Kind.STUCK ? " so far" : ""),
                        seconds(a.baselineMedianSeconds()) + " ± " + seconds(a.baselineMadSeconds()),
                        a.baselineRuns(),
                        String.format(Locale.ROOT, "%+.1f", a.score()));
            }
            t.print(out);
        }
        Thresholds th = report.thresholds();
        out.printf(
                Locale.ROOT,
                "%nThresholds: |score| > %s on %s durations against the last %d successful runs (at least %d),"
                        + " at least %d s and ×%s from the median%s.%n",
                number(th.threshold()),
                th.scale().toLowerCase(Locale.ROOT),
                th.window(),
                th.minRuns(),
                th.minDeviationSeconds(),
                number(th.minRatio()),
                th.seasonal() ? ", and against the same weekday's runs" : "");
    }

    private static String notes(Counts c) {
        List<String> notes = new ArrayList<>();
        if (c.tooFewRuns() > 0) {
            notes.add(Words.count(c.tooFewRuns(), "run") + " not judged (fewer than 10 earlier successful runs)");
        }
        if (c.duplicates() > 0) {
            notes.add(Words.count(c.duplicates(), "duplicate") + " counted once");
        }
        if (c.withoutDuration() > 0) {
            notes.add(Words.count(c.withoutDuration(), "run") + " without a duration");
        }
        if (c.rejected() > 0) {
            notes.add(Words.count(c.rejected(), "record") + " rejected");
        }
        return notes.isEmpty() ? "" : "; " + String.join(", ", notes);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** A duration for a person: 45s, 12m 05s, 2h 01m, 1d 03h. */
    static String seconds(double value) {
        long s = Math.round(value);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
