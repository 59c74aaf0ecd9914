package dev.switchyard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.files.FileFormatException;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.TableFiles;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.validation.Validator;
import dev.switchyard.reactor.table.ControlTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code switchyard validate}: every problem of a control table and its categories (SPEC §7). */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks a control table and its categories, and lists every problem.",
            "",
            "Reports every problem, not only the first: rows that cannot be read, duplicate job names, invalid"
                    + " RunConditions and SkipFlags, jobs in undefined categories, categories defined twice, unknown"
                    + " dependencies and dependency cycles. An invalid RunCondition of a skipped job is a warning.",
            "",
            "Exit status: 0 when there is no error (warnings allowed), 1 when there is any, 2 when a file cannot be"
                    + " opened.",
        },
        footer = {
            "",
            "Example:",
            "  switchyard validate --table examples/retail/control-table.csv \\",
            "      --categories examples/retail/categories.yaml",
            "",
        })
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private TableOption table;

    @Option(
            names = "--categories",
            paramLabel = "FILE",
            description = "Category definitions (Category, DependsOn, MaxConcurrency): a .csv, .json or .yaml file"
                    + " (default for a store: the categories it holds).")
    private String categoriesFile;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() throws Exception {
        List<Problem> problems = new ArrayList<>();
        Loaded<ControlTableItem> rows;
        Optional<Loaded<CategoryDefinition>> categories;
        TableSource source = table.source();
        if (source.isFile()) {
            rows = read(() -> TableFiles.readControlTable(source.file()), table.toString(), problems);
            categories = Optional.empty();
        } else {
            // One connection for both: a store's categories are checked with its jobs unless a file is given.
            try (Store store = Store.open(table, main.clock())) {
                rows = ControlTable.loaded(source.toString(), store.jobs().all());
                Loaded<CategoryDefinition> stored = store.categories().loaded(source.toString());
                categories = stored.rows().isEmpty() ? Optional.empty() : Optional.of(stored);
            }
        }
        if (categoriesFile != null) {
            categories = Optional.ofNullable(read(
                    () -> TableFiles.readCategories(TableSource.existingFile(categoriesFile)),
                    categoriesFile,
                    problems));
        }
        if (rows != null) {
            problems.addAll(Validator.validate(rows, categories));
        } else if (categories.isPresent()) {
            problems.addAll(Validator.categoryProblems(categories.get()));
        }
        int rowCount =
                rows == null ? 0 : rows.rows().size() + rows.rowlessProblems().size();
        Integer categoryCount = categories.map(c -> c.rows().size()).orElse(null);
        if (format.json()) {
            printJson(problems, rowCount, categoryCount, main.out());
        } else {
            printTable(problems, rowCount, categoryCount, main.out());
        }
        return problems.stream().anyMatch(Problem::isError) ? 1 : 0;
    }

    private interface Reader<T> {
        Loaded<T> read();
    }

    /** Reads a file; a file that cannot be parsed at all is itself a problem, with its line and column. */
    private static <T> Loaded<T> read(Reader<T> reader, String source, List<Problem> problems) {
        try {
            return reader.read();
        } catch (FileFormatException e) {
            if (e.line() == 0) {
                throw new UserError(e.getMessage());
            }
            String where = e.column() > 0 ? " (column " + e.column() + ")" : "";
            problems.add(new Problem(
                    new Location(e.source(), e.line()),
                    null,
                    null,
                    null,
                    "the file cannot be read past this point" + where + ": " + e.reason()));
            return null;
        }
    }

    private void printTable(List<Problem> problems, int rows, Integer categories, PrintWriter out) {
        String counted =
                Words.count(rows, "row") + (categories == null ? "" : ", " + Words.count(categories, "category"));
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        if (problems.isEmpty()) {
            out.printf("%s: %s, no problems%n", table, counted);
            return;
        }
        out.printf(
                "%s: %s, %s%s%n%n",
                table,
                counted,
                Words.count(errors, "error"),
                warnings == 0 ? "" : ", " + Words.count(warnings, "warning"));
        TextTable t = new TextTable("WHERE", "JOB/CATEGORY", "COLUMN", "TEXT", "PROBLEM");
        for (Problem p : problems) {
            t.row(
                    p.location(),
                    p.subject(),
                    p.column(),
                    p.text() == null ? "" : "'" + p.text() + "'",
                    (p.isError() ? "" : "warning: ") + p.reason());
        }
        t.print(out);
    }

    private void printJson(List<Problem> problems, int rows, Integer categories, PrintWriter out) throws Exception {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("table", table.toString());
        result.put("valid", problems.stream().noneMatch(Problem::isError));
        result.put("rows", rows);
        if (categories != null) {
            result.put("categories", categories);
        }
        ArrayNode list = result.putArray("problems");
        for (Problem p : problems) {
            ObjectNode o = list.addObject();
            o.put("severity", p.severity().name());
            o.put("source", p.location().source());
            o.put("line", p.location().line());
            o.put("subject", p.subject());
            o.put("column", p.column());
            o.put("text", p.text());
            o.put("reason", p.reason());
        }
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
