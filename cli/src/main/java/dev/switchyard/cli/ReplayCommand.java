package dev.switchyard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.TableFiles;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.kafka.KafkaSinks;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.Outcome;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.Triggers;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sinks.JsonLinesFile;
import dev.switchyard.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code switchyard replay}: recorded AWS events through the reactor, on an embedded copy of a table (SPEC §7). */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Feeds recorded AWS events through the reactor against an embedded copy of a control table, and writes"
                    + " what the reactor would have done.",
            "",
            "Events: one JSON object per line, an EventBridge envelope (Glue Job State Change, Glue Job Run"
                    + " Status, Step Functions Execution Status Change) or a DynamoDB stream record in the Lambda"
                    + " format (a whole {\"Records\": [...]} event on one line is read too).",
            "Each event is handled at its own time, so a replay is repeatable. Glue is not asked: what"
                    + " GetJobRun would say comes from the recording itself (a run's start from its Run Status"
                    + " events), and a run belongs to the latest category run of its job's category that holds the"
                    + " job (Glue's arguments are not in events).",
            "The table given is not changed. Outputs in DIR: table.json (the job items after the replay),"
                    + " triggers.json, metrics.jsonl, audit.jsonl (one entry per stream record) and rejected.jsonl"
                    + " (records that could not be used, with the reason).",
        },
        footer = {
            "",
            "Examples:",
            "  switchyard replay --table examples/retail/control-table.csv --events events.jsonl \\",
            "      --plan RAW@2026-11-30 --plan REF@2026-11-30 --out replay-out",
            "  switchyard replay --table sqlite: --events events.jsonl --plan RAW@2026-11-30 --out out --format json",
            "",
        })
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private TableOption table;

    @Option(
            names = "--categories",
            paramLabel = "FILE",
            description = "Category definitions (default: a store's own, or categories.csv|json|yaml beside a"
                    + " table file, or none).")
    private String categoriesFile;

    @Option(names = "--events", required = true, paramLabel = "FILE.jsonl", description = "The recorded events.")
    private Path events;

    @Option(
            names = "--plan",
            paramLabel = "C@YYYY-MM-DD",
            description = "Open the category run of C on that date before the first event, as its execution"
                    + " would (repeatable). Runs the reactor triggers are opened when triggered.")
    private List<String> plans = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the outputs are written.")
    private Path out;

    @Option(
            names = "--metrics-file",
            paramLabel = "FILE",
            description =
                    "Also append the job-run metrics to this JSON Lines file (as run and the Lambda" + " handlers do).")
    private Path metricsFile;

    @Option(
            names = "--audit-file",
            paramLabel = "FILE",
            description = "Also append the audit entries to this JSON Lines file.")
    private Path auditFile;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
        List<Map.Entry<String, LocalDate>> runs =
                plans.stream().map(ReplayCommand::plan).toList();
        if (!Files.isRegularFile(events)) {
            throw new UserError(events + ": no such file");
        }
        Loaded<ControlTableItem> rows = Store.load(table, main.clock(), null);
        Optional<Loaded<CategoryDefinition>> categories = categories();
        Files.createDirectories(out);
        Replayer.Scan scan = Replayer.scan(events);
        Stamp stamp = new Stamp("replay", scan.earliest());
        ReactorConfig config = ReactorConfig.defaults();
        // Kafka is checked before the earlier outputs are replaced: a bad option or a broker that is down
        // costs nothing.
        KafkaSinks toKafka = kafka.open(main.err()).orElse(null);
        try (toKafka;
                SqliteStore store = SqliteStore.openInMemory(main.clock());
                JsonLinesFile<JobRunMetric> metrics = JsonLinesFile.replacing(out.resolve("metrics.jsonl"));
                JsonLinesFile<JobRunMetric> moreMetrics =
                        metricsFile == null ? null : new JsonLinesFile<>(metricsFile);
                JsonLinesFile<AuditEntry> audit = JsonLinesFile.replacing(out.resolve("audit.jsonl"));
                JsonLinesFile<AuditEntry> moreAudit = auditFile == null ? null : new JsonLinesFile<>(auditFile);
                JsonLinesFile<Replayer.Rejected> rejected = JsonLinesFile.replacing(out.resolve("rejected.jsonl"))) {
            ItemTable stateItems = store.table(StateTable.SCHEMA);
            ControlTable control = new ControlTable(store.table(ControlTable.SCHEMA));
            control.importAll(rows, stamp, n -> {});
            Categories stored = new Categories(stateItems);
            categories.ifPresent(c -> stored.importAll(c, stamp));
            Replayer replayer = new Replayer(
                    control,
                    stateItems,
                    // Kafka first: a replay that fails on Kafka has written no line that Kafka lacks
                    Replayer.metricsFile(both(toKafka == null ? null : toKafka.metrics(), both(metrics, moreMetrics))),
                    Replayer.auditFile(both(toKafka == null ? null : toKafka.audit(), both(audit, moreAudit))),
                    rejected,
                    scan.runs(),
                    config);
            PrintWriter err = main.err();
            replayer.replay(events, runs, scan.earliest(), lines -> {
                err.printf("switchyard: replayed %,d lines…%n", lines);
                err.flush();
            });
            Files.writeString(out.resolve("table.json"), Replayer.json(replayer.table()) + "\n");
            List<TriggerLine> triggers = triggers(new Triggers(stateItems, config.runRetention()), rows, categories);
            Files.writeString(out.resolve("triggers.json"), Replayer.json(triggers) + "\n");
            Summary summary = new Summary(
                    events.toString(),
                    table.toString(),
                    replayer.counts(),
                    triggers,
                    rows.values().size(),
                    out.toString());
            if (format.json()) {
                main.out().println(Replayer.json(summary));
            } else {
                print(summary, main.out());
            }
        }
        return 0;
    }

    /** Each value to {@code first}, then to {@code second}; either may be null (none). */
    private static <T> Sink<T> both(Sink<T> first, Sink<T> second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first.andThen(second);
    }

    /** {@code C@YYYY-MM-DD}. */
    static Map.Entry<String, LocalDate> plan(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new UserError("--plan " + text + ": expected CATEGORY@YYYY-MM-DD, e.g. RAW@2026-11-30");
        }
        try {
            return new AbstractMap.SimpleImmutableEntry<>(
                    text.substring(0, at).strip(),
                    LocalDate.parse(text.substring(at + 1).strip()));
        } catch (DateTimeParseException e) {
            throw new UserError("--plan " + text + ": '" + text.substring(at + 1) + "' is not a date (YYYY-MM-DD)");
        }
    }

    private Optional<Loaded<CategoryDefinition>> categories() {
        if (categoriesFile != null) {
            return Optional.of(TableFiles.readCategories(TableSource.existingFile(categoriesFile)));
        }
        TableSource source = table.source();
        if (!source.isFile()) {
            try (Store store = Store.open(table, main.clock())) {
                Loaded<CategoryDefinition> stored = store.categories().loaded(source.toString());
                return stored.rows().isEmpty() ? Optional.empty() : Optional.of(stored);
            }
        }
        Path dir = source.file().toAbsolutePath().getParent();
        for (String name : List.of("categories.csv", "categories.json", "categories.yaml", "categories.yml")) {
            Path beside = dir.resolve(name);
            if (Files.isRegularFile(beside)) {
                return Optional.of(TableFiles.readCategories(beside));
            }
        }
        return Optional.empty();
    }

    /** A trigger marker as {@code triggers.json} holds it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Category", "RunDate", "Environment", "Causes", "TriggeredAt", "TriggeredBy", "Execution"})
    record TriggerLine(
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") String runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("Causes") List<String> causes,
            @JsonProperty("TriggeredAt") String triggeredAt,
            @JsonProperty("TriggeredBy") String triggeredBy,
            @JsonProperty("Execution") String execution) {}

    private static List<TriggerLine> triggers(
            Triggers triggers, Loaded<ControlTableItem> rows, Optional<Loaded<CategoryDefinition>> categories) {
        TreeSet<String> names = new TreeSet<>();
        rows.values().forEach(item -> names.add(item.jobCategory()));
        categories.ifPresent(c -> c.values().forEach(d -> names.add(d.category())));
        List<TriggerLine> lines = new ArrayList<>();
        for (String category : names) {
            for (Triggers.Trigger t : triggers.recent(category, 10_000)) {
                lines.add(new TriggerLine(
                        t.category(),
                        t.runDate().toString(),
                        t.environment(),
                        t.causes(),
                        Timestamps.format(t.at()),
                        t.by(),
                        t.execution()));
            }
        }
        lines.sort(Comparator.comparing(TriggerLine::runDate)
                .thenComparing(TriggerLine::triggeredAt)
                .thenComparing(TriggerLine::category));
        return lines;
    }

    /** The summary printed at the end. */
    @JsonPropertyOrder({"Events", "Table", "Counts", "Triggers", "Out"})
    record Summary(
            @JsonProperty("Events") String events,
            @JsonProperty("Table") String table,
            @JsonProperty("Counts") Replayer.Counts counts,
            @JsonProperty("Triggers") List<TriggerLine> triggers,
            @com.fasterxml.jackson.annotation.JsonIgnore int jobs,
            @JsonProperty("Out") String out) {}

    private static void print(Summary s, PrintWriter out) {
        Replayer.Counts c = s.counts();
        out.printf(
                "Replayed %s (%s) from %s against a copy of %s (%s).%n%n",
                Words.count(c.events, "event"),
                Words.count(c.lines, "line"),
                s.events(),
                s.table(),
                Words.count(s.jobs(), "job"));
        TextTable outcomes = new TextTable("OUTCOME", "EVENTS", "MEANING");
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            long n = c.outcomes.getOrDefault(kind, 0L);
            if (n > 0) {
                outcomes.row(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), n, meaning(kind, c));
            }
        }
        if (c.rejected > 0) {
            outcomes.row("rejected", c.rejected, "not usable: see rejected.jsonl for each reason");
        }
        if (!outcomes.isEmpty()) {
            outcomes.print(out);
            out.println();
        }
        if (c.unattributed > 0) {
            out.printf(
                    "%s of jobs that no category run held: applied without one (no --plan for their category?)%n",
                    Words.count(c.unattributed, "final event"));
        }
        if (!c.opened.isEmpty()) {
            out.println("Category runs opened: " + String.join(", ", c.opened));
        }
        if (s.triggers().isEmpty()) {
            out.println("Triggered: nothing");
        } else {
            for (TriggerLine t : s.triggers()) {
                out.printf(
                        "Triggered: %s for %s, after %s%n", t.category(), t.runDate(), String.join(", ", t.causes()));
            }
        }
        out.printf("Wrote %s: table.json, triggers.json, metrics.jsonl, audit.jsonl, rejected.jsonl%n", s.out());
    }

    private static String meaning(Outcome.Kind kind, Replayer.Counts c) {
        return switch (kind) {
            case APPLIED -> "the job's status now shows it";
            case SUPERSEDED -> "a later run or event was already shown; run records and metrics still kept";
            case DUPLICATE -> "handled before (a redelivery): nothing to do";
            case UNKNOWN_JOB -> "job not in the table, ignored: " + String.join(", ", c.unknownJobs.keySet());
            case AUDITED -> "control-table changes written to audit.jsonl";
            case DEFERRED -> "waited for a category run that never opened: see rejected.jsonl";
            case IGNORED -> "nothing to do (e.g. an execution that names no category run)";
        };
    }
}
