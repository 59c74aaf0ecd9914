package dev.switchyard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import dev.switchyard.contracts.files.FileFormat;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.RowFiles;
import dev.switchyard.contracts.files.TableFiles;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.JobColumns;
import dev.switchyard.reactor.table.NoSuchItemException;
import dev.switchyard.reactor.table.Stamp;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchyard jobs}: read and edit the jobs of a control table held in a store (SPEC §1, §7). */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "Lists and edits the jobs of a control table in a store (sqlite:PATH or dynamodb:NAME).",
            "",
            "Every write is checked first (an invalid RunCondition or SkipFlag is refused and nothing is written),"
                    + " records UpdatedBy (--actor) and UpdatedAt, and moves Version on by one. An edit based on a"
                    + " Version that is no longer current is refused. StatusFlag and the Last… columns belong to the"
                    + " reactor: edits keep them as it wrote them.",
        },
        subcommands = {
            JobsCommand.ListJobs.class,
            JobsCommand.GetJob.class,
            JobsCommand.PutJob.class,
            JobsCommand.DeleteJob.class,
            JobsCommand.ImportJobs.class,
            JobsCommand.ExportJobs.class,
            JobsCommand.SkipJob.class,
            JobsCommand.UnskipJob.class,
        })
final class JobsCommand implements Runnable {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand, say which there are. */
    @Override
    public void run() {
        spec.commandLine().usage(main.out());
    }

    private static final List<String> LISTED = List.of(
            ControlTableItem.JOB_NAME,
            ControlTableItem.JOB_CATEGORY,
            ControlTableItem.ENVIRONMENT,
            ControlTableItem.RUN_CONDITION,
            ControlTableItem.SKIP_FLAG,
            ControlTableItem.STATUS_FLAG,
            ControlTableItem.LAST_RUN_TIMESTAMP,
            JobColumns.VERSION,
            JobColumns.UPDATED_BY);

    static String text(Map<String, Attr> item, String column) {
        return switch (item.get(column)) {
            case null -> "";
            case Attr.S s -> s.value();
            case Attr.N n -> n.value();
            case Attr.Bool b -> Boolean.toString(b.value());
            case Attr other -> AttrJson.toJson(other).toString();
        };
    }

    static void printJson(PrintWriter out, Object value) throws IOException {
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    /** {@code jobs list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Lists the jobs, in JobName order: all of them, or one category's (read through its index).")
    static final class ListJobs implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Mixin
        TableOption table;

        @Option(names = "--category", paramLabel = "C", description = "Only the jobs of this JobCategory.")
        String category;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() throws IOException {
            List<Map<String, Attr>> items;
            try (Store store = Store.open(table, jobs.main.clock())) {
                items = category == null ? store.jobs().all() : store.jobs().category(category);
            }
            PrintWriter out = jobs.main.out();
            if (format.json()) {
                ArrayNode array = Json.mapper().createArrayNode();
                items.forEach(i -> array.add(AttrJson.toJson(i)));
                printJson(out, array);
                return 0;
            }
            TextTable t = new TextTable(
                    "JOB", "CATEGORY", "ENV", "RUN CONDITION", "SKIP", "STATUS", "LAST RUN", "VERSION", "UPDATED BY");
            for (Map<String, Attr> item : items) {
                t.row(LISTED.stream().map(c -> text(item, c)).toArray());
            }
            out.printf(
                    "%s in %s%s%n",
                    Words.count(items.size(), "job"), table, category == null ? "" : ", category " + category);
            if (!items.isEmpty()) {
                out.println();
                t.print(out);
            }
            return 0;
        }
    }

    /** {@code jobs get JOB}. */
    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Shows one job, every column.")
    static final class GetJob implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "JOB", description = "The JobName.")
        String jobName;

        @Mixin
        TableOption table;

        @Mixin
        FormatOption format;

        @Override
        public Integer call() throws IOException {
            Map<String, Attr> item;
            try (Store store = Store.open(table, jobs.main.clock())) {
                item = store.jobs().get(jobName).orElse(null);
            }
            if (item == null) {
                jobs.main.err().printf("switchyard: no job %s in %s%n", jobName, table);
                return 1;
            }
            if (format.json()) {
                printJson(jobs.main.out(), AttrJson.toJson(item));
                return 0;
            }
            TextTable t = new TextTable("COLUMN", "VALUE");
            item.keySet().stream()
                    .sorted(JobsCommand::columnOrder)
                    .forEach(column -> t.row(column, text(item, column)));
            t.print(jobs.main.out());
            return 0;
        }
    }

    /** Named columns first in their order, then the rest alphabetically. */
    static int columnOrder(String a, String b) {
        int ia = ControlTableItem.COLUMNS.indexOf(a);
        int ib = ControlTableItem.COLUMNS.indexOf(b);
        if (ia >= 0 || ib >= 0) {
            return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
        }
        return a.compareTo(b);
    }

    static void report(PrintWriter out, FormatOption format, ControlTable.Written w) throws IOException {
        String what = switch (w.outcome()) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case UNCHANGED -> "unchanged";
            case DELETED -> "deleted";
        };
        if (format.json()) {
            printJson(
                    out,
                    Json.mapper()
                            .createObjectNode()
                            .put("JobName", w.jobName())
                            .put("Outcome", w.outcome().name())
                            .put("Version", w.version()));
            return;
        }
        out.printf("%s %s (version %d)%n", w.jobName(), what, w.version());
    }

    /** {@code jobs put JOB …}. */
    @Command(
            name = "put",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Creates a job, or changes the columns given of an existing one.",
                "A new job needs --category and --run-condition (or --skip-flag YES).",
            },
            footer = {
                "",
                "Examples:",
                "  switchyard jobs put raw_orders --table sqlite: --category RAW --run-condition WEEKDAYS",
                "  switchyard jobs put raw_orders --table sqlite: --run-condition 'MON-FRI,!2026-12-25' --if-version 3",
                "  switchyard jobs put raw_orders --table sqlite: --column Owner=sales --column Ticket=",
                "",
            })
    static final class PutJob implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "JOB", description = "The JobName.")
        String jobName;

        @Mixin
        WriteOptions write;

        @Option(names = "--category", paramLabel = "C", description = "JobCategory.")
        String category;

        @Option(names = "--run-condition", paramLabel = "COND", description = "RunCondition, e.g. 'MON-FRI,!LAST_DAY'.")
        String runCondition;

        @Option(names = "--skip-flag", paramLabel = "FLAG", description = "SkipFlag: YES or NO.")
        String skipFlag;

        @Option(names = "--environment", paramLabel = "E", description = "Environment; empty to clear it.")
        String environment;

        @Option(
                names = "--column",
                paramLabel = "NAME=VALUE",
                description = "Sets one of your own columns (as a string); NAME= removes it. Repeatable.")
        Map<String, String> columns = new LinkedHashMap<>();

        @Option(
                names = "--if-version",
                paramLabel = "N",
                description = "Write only if the job is at this Version (0: only if it does not exist yet).")
        Long version;

        @Override
        public Integer call() throws IOException {
            for (String column : columns.keySet()) {
                if (!JobColumns.isOperatorOwned(column) || ControlTableItem.COLUMNS.contains(column)) {
                    throw new UserError("--column " + column + "=…: use the option for a named column; StatusFlag,"
                            + " Last… columns, Version, UpdatedAt and UpdatedBy are not set by hand");
                }
            }
            Stamp stamp = write.stamp(jobs.main);
            try (Store store = write.open(jobs.main)) {
                ControlTable.Written written;
                try {
                    written = store.jobs().edit(jobName, this::change, WriteOptions.expected(version), stamp);
                } catch (NoSuchItemException isNew) {
                    if (category == null) {
                        throw new UserError("job " + jobName + " is new: give at least --category and --run-condition");
                    }
                    written = store.jobs().put(change(null), OptionalLong.of(version == null ? 0 : version), stamp);
                }
                report(jobs.main.out(), write.format, written);
            }
            return 0;
        }

        private ControlTableItem change(ControlTableItem item) {
            Map<String, Attr> others = new LinkedHashMap<>(item == null ? Map.of() : item.otherColumns());
            columns.forEach((column, value) -> {
                if (value == null || value.isEmpty()) {
                    others.remove(column);
                } else {
                    others.put(column, new Attr.S(value));
                }
            });
            return new ControlTableItem(
                    jobName,
                    environment != null ? environment : item == null ? null : item.environment(),
                    category != null ? category : item.jobCategory(),
                    runCondition != null ? runCondition : item == null ? null : item.runCondition(),
                    skipFlag != null ? new Attr.S(skipFlag) : item == null ? null : item.skipFlag(),
                    item == null ? null : item.statusFlag(),
                    item == null ? null : item.lastRunTimestamp(),
                    others);
        }
    }

    /** {@code jobs delete JOB}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false, description = "Deletes a job.")
    static final class DeleteJob implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "JOB", description = "The JobName.")
        String jobName;

        @Mixin
        WriteOptions write;

        @Option(names = "--if-version", paramLabel = "N", description = "Delete only if the job is at this Version.")
        Long version;

        @Override
        public Integer call() throws IOException {
            Stamp stamp = write.stamp(jobs.main);
            try (Store store = write.open(jobs.main)) {
                report(
                        jobs.main.out(),
                        write.format,
                        store.jobs().delete(jobName, WriteOptions.expected(version), stamp));
            }
            return 0;
        }
    }

    /** {@code jobs import FILE}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Writes every job of a file (.csv, .json, .yaml) into the store: all of them or none.",
                "",
                "The whole file is checked first; any invalid row, or any row whose Version is no longer the job's"
                        + " (a file exported and edited while someone else changed the job), refuses the import and"
                        + " nothing is written. Rows without Version write over the job. Jobs the file does not name"
                        + " are kept. For existing jobs, StatusFlag and the Last… columns stay as the reactor wrote them.",
            },
            footer = {"", "Example:", "  switchyard jobs import examples/retail/control-table.csv --table sqlite:", ""})
    static final class ImportJobs implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "FILE", description = "The control-table file.")
        String file;

        @Mixin
        WriteOptions write;

        @Override
        public Integer call() throws IOException {
            Loaded<ControlTableItem> rows = TableFiles.readControlTable(TableSource.existingFile(file));
            Stamp stamp = write.stamp(jobs.main);
            int total = rows.rows().size();
            PrintWriter err = jobs.main.err();
            ControlTable.Imported imported;
            try (Store store = write.open(jobs.main)) {
                imported = store.jobs().importAll(rows, stamp, n -> {
                    // About ten lines for a long import: enough to see it move, few enough to read.
                    if (total >= 1000 && (n % Math.max(500, total / 10) == 0 || n == total)) {
                        err.printf("switchyard: imported %d of %d jobs%n", n, total);
                        err.flush();
                    }
                });
            }
            long created = imported.count(ControlTable.Outcome.CREATED);
            long updated = imported.count(ControlTable.Outcome.UPDATED);
            long unchanged = imported.count(ControlTable.Outcome.UNCHANGED);
            if (write.format.json()) {
                var result = Json.mapper()
                        .createObjectNode()
                        .put("file", file)
                        .put("table", write.table.toString())
                        .put("jobs", total)
                        .put("created", created)
                        .put("updated", updated)
                        .put("unchanged", unchanged)
                        .put("statusColumnsKept", imported.statusColumnsKept());
                printJson(jobs.main.out(), result);
                return 0;
            }
            jobs.main
                    .out()
                    .printf(
                            "%s from %s into %s: %d created, %d updated, %d unchanged%n",
                            Words.count(total, "job"), file, write.table, created, updated, unchanged);
            if (imported.statusColumnsKept() > 0) {
                jobs.main
                        .out()
                        .printf(
                                "%s of existing jobs kept as the reactor wrote them (the file's differ)%n",
                                Words.count(imported.statusColumnsKept(), "status column"));
            }
            return 0;
        }
    }

    /** {@code jobs export}. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Writes every job, every column, to a file or standard output.",
                "Version is written too: importing the edited file refuses rows changed by someone else meanwhile.",
            })
    static final class ExportJobs implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Mixin
        TableOption table;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "The file to write; its extension (.csv, .json, .yaml) gives the format (default:"
                        + " standard output).")
        Path out;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "csv",
                description = "The file format on standard output: csv, json or yaml (default: ${DEFAULT-VALUE});"
                        + " with --out, the file's extension decides.")
        String as;

        @Override
        public Integer call() throws IOException {
            List<Map<String, Attr>> items;
            try (Store store = Store.open(table, jobs.main.clock())) {
                items = store.jobs().all();
            }
            List<String> leading = new ArrayList<>(ControlTableItem.COLUMNS);
            leading.addAll(List.of(JobColumns.VERSION, JobColumns.UPDATED_AT, JobColumns.UPDATED_BY));
            if (out == null) {
                FileFormat format = formatNamed(as);
                PrintWriter writer = jobs.main.out();
                RowFiles.write(writer, format, leading, items);
                writer.flush();
                return 0;
            }
            FileFormat format;
            try {
                format = FileFormat.of(out);
            } catch (IllegalArgumentException e) {
                throw new UserError("--out " + out + ": " + e.getMessage());
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, ".export", ".tmp");
            try (Writer writer = new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8)) {
                RowFiles.write(writer, format, leading, items);
            }
            // Written whole, then moved: an export that fails midway leaves no half file behind.
            Files.move(
                    partial,
                    out,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            jobs.main.err().printf("switchyard: wrote %s to %s%n", Words.count(items.size(), "job"), out);
            return 0;
        }

        private static FileFormat formatNamed(String name) {
            try {
                return FileFormat.of(Path.of("x." + name.toLowerCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserError("--format " + name + ": use csv, json or yaml");
            }
        }
    }

    /** {@code jobs skip JOB} and {@code jobs unskip JOB}. */
    abstract static class SetSkip implements Callable<Integer> {
        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "JOB", description = "The JobName.")
        String jobName;

        @Mixin
        WriteOptions write;

        abstract boolean skip();

        @Override
        public Integer call() throws IOException {
            Stamp stamp = write.stamp(jobs.main);
            try (Store store = write.open(jobs.main)) {
                ControlTable.Written w = store.jobs().setSkipFlag(jobName, skip(), stamp);
                if (write.format.json()) {
                    report(jobs.main.out(), write.format, w);
                } else {
                    jobs.main
                            .out()
                            .printf(
                                    "%s %s (SkipFlag %s, version %d)%n",
                                    jobName,
                                    w.outcome() == ControlTable.Outcome.UNCHANGED
                                            ? "unchanged"
                                            : skip() ? "skipped" : "unskipped",
                                    skip() ? "YES" : "NO",
                                    w.version());
                }
            }
            return 0;
        }
    }

    /** {@code jobs skip JOB}. */
    @Command(
            name = "skip",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Sets a job's SkipFlag to YES: it is planned as SKIPPED until unskipped.")
    static final class SkipJob extends SetSkip {
        @Override
        boolean skip() {
            return true;
        }
    }

    /** {@code jobs unskip JOB}. */
    @Command(
            name = "unskip",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Sets a job's SkipFlag to NO (refused if its RunCondition is invalid).")
    static final class UnskipJob extends SetSkip {
        @Override
        boolean skip() {
            return false;
        }
    }
}
