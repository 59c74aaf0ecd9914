package dev.switchyard.cli;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.SkipFlag;
import dev.switchyard.reactor.plan.Decision;
import dev.switchyard.reactor.plan.Plan;
import dev.switchyard.reactor.plan.Planner;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code switchyard plan}: which jobs of a category run on a date, and why (SPEC §2, §7). */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows which jobs of a category run on a business date, and why.",
            "",
            "Reasons, in the order they are decided: INVALID_SKIP_FLAG, SKIPPED, INVALID_RUN_CONDITION,"
                    + " SCHEDULED, NOT_SCHEDULED. Jobs with an invalid row never run and are listed at the end.",
            "Jobs are listed in JobName order, whatever holds the table.",
        },
        footer = {
            "",
            "Examples:",
            "  switchyard plan --table examples/seed/control-table.csv --category RAW",
            "  switchyard plan --table table.yaml --category STG --date 2026-11-30 --format json",
            "  switchyard plan --table sqlite: --category RAW",
            "  switchyard plan --table dynamodb:glue-control --region eu-west-1 --category RAW",
            "",
        })
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private TableOption table;

    @Option(names = "--category", required = true, paramLabel = "C", description = "The JobCategory to plan.")
    private String category;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The business date to plan (default: today in --zone).")
    private LocalDate date;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "The time zone whose today is the default date (default: ${DEFAULT-VALUE}).")
    private ZoneId zone;

    @Option(
            names = "--environment",
            paramLabel = "E",
            description = "Plan only jobs of this Environment, and jobs with none (default: every job).")
    private String environment;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = main.out();
        PrintWriter err = main.err();
        LocalDate runDate = date != null ? date : LocalDate.now(main.clock().withZone(zone));
        Loaded<ControlTableItem> loaded =
                Store.load(table, main.clock(), table.source().isFile() ? null : category);
        if (!checkRows(loaded, err)) {
            return 1;
        }
        List<ControlTableItem> items = loaded.values();
        Plan plan = new Planner().plan(category, runDate, environment, items);
        if (plan.decisions().isEmpty()) {
            Set<String> categories = new TreeSet<>();
            // A store was read through the category index; the other categories need the whole table.
            List<ControlTableItem> everything = table.source().isFile()
                    ? items
                    : Store.load(table, main.clock(), null).values();
            everything.forEach(i -> categories.add(i.jobCategory()));
            err.printf(
                    "switchyard: no job of category %s%s in %s (categories there: %s)%n",
                    category,
                    environment == null ? "" : " in environment " + environment,
                    table,
                    categories.isEmpty() ? "none" : String.join(", ", categories));
        }
        if (format.json()) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(plan.payloads()));
            warnAboutInvalid(plan, err);
        } else {
            printTable(plan, out);
        }
        return 0;
    }

    /**
     * Rows that cannot be read are not jobs the planner can decide; if one might belong to this category
     * the plan would silently leave it out, so refuse. Problems in other categories are only mentioned.
     */
    private boolean checkRows(Loaded<ControlTableItem> loaded, PrintWriter err) {
        List<Problem> problems = loaded.problems(ControlTableItem.JOB_NAME);
        if (problems.isEmpty()) {
            return true;
        }
        // Locations of unreadable rows that name another category; everything else may be ours.
        Set<Location> elsewhere = new HashSet<>();
        for (Loaded.Row<ControlTableItem> row : loaded.rows()) {
            if (row.decoded() instanceof Decoded.Invalid<ControlTableItem>
                    && row.attributes().get(ControlTableItem.JOB_CATEGORY) instanceof Attr.S s
                    && !s.value().isBlank()
                    && !s.value().strip().equals(category)) {
                elsewhere.add(row.location());
            }
        }
        List<Problem> ours =
                problems.stream().filter(p -> !elsewhere.contains(p.location())).toList();
        if (!ours.isEmpty()) {
            err.printf(
                    "switchyard: %s has %s that may hide jobs of category %s; fix first:%n",
                    table, Words.count(ours.size(), "row problem"), category);
            ours.forEach(p -> err.println("  " + p));
            return false;
        }
        err.printf(
                "switchyard: note: other categories have %s; run switchyard validate --table %s%n",
                Words.count(problems.size(), "row problem"), table);
        return true;
    }

    private void printTable(Plan plan, PrintWriter out) {
        LocalDate d = plan.runDate();
        long runs = plan.scheduled().size();
        out.printf(
                "Plan for %s on %s %s (%s)%n",
                plan.category(),
                d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                d,
                environment == null ? "all environments" : "environment " + environment);
        out.printf(
                "%s: %d run, %d do not%n%n",
                Words.count(plan.decisions().size(), "job"),
                runs,
                plan.decisions().size() - runs);
        if (plan.decisions().isEmpty()) {
            return;
        }
        TextTable t = new TextTable("JOB", "RUNS", "REASON", "WHY", "RUN CONDITION", "SKIP FLAG");
        for (Decision decision : plan.decisions()) {
            ControlTableItem item = decision.item();
            t.row(
                    item.jobName(),
                    decision.shouldRunToday() ? "yes" : "no",
                    decision.reason().words(),
                    decision.reason().isInvalid() ? "see below" : decision.detail(),
                    item.runCondition(),
                    SkipFlag.text(item.skipFlag()));
        }
        t.print(out);
        List<Decision> invalid = plan.invalid();
        if (!invalid.isEmpty()) {
            out.printf("%n%s will not run until fixed:%n", Words.count(invalid.size(), "job"));
            for (Decision decision : invalid) {
                String column = decision.reason() == dev.switchyard.reactor.plan.Reason.INVALID_SKIP_FLAG
                        ? ControlTableItem.SKIP_FLAG
                        : ControlTableItem.RUN_CONDITION;
                out.printf("  %s: %s: %s%n", decision.item().jobName(), column, decision.detail());
            }
        }
    }

    private static void warnAboutInvalid(Plan plan, PrintWriter err) {
        for (Decision decision : plan.invalid()) {
            err.printf(
                    "switchyard: %s will not run: %s: %s%n",
                    decision.item().jobName(), decision.reason(), decision.detail());
        }
    }
}
