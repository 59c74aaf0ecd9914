package dev.switchyard.contracts.validation;

import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.category.CategoryGraph;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.schedule.RunConditionException;
import dev.switchyard.contracts.schedule.RunConditionParser;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.SkipFlag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that is wrong with a control table and its categories, every problem rather than the
 * first: rows that cannot be read, duplicate job names, invalid RunConditions and SkipFlags, categories
 * defined twice or depending on unknown categories or on each other in a cycle, and jobs in a category
 * the category file does not define.
 */
public final class Validator {
    private Validator() {}

    public static List<Problem> validate(
            Loaded<ControlTableItem> table, Optional<Loaded<CategoryDefinition>> categories) {
        List<Problem> problems = new ArrayList<>(table.problems(ControlTableItem.JOB_NAME));
        Map<String, Location> firstSeen = new HashMap<>();
        Map<String, Optional<RunConditionException>> parsed = new HashMap<>();
        Set<String> defined = categories.map(c -> categoryNames(c)).orElse(null);
        for (Loaded.Row<ControlTableItem> row : table.rows()) {
            if (!(row.decoded() instanceof dev.switchyard.contracts.Decoded.Ok<ControlTableItem> ok)) {
                continue;
            }
            ControlTableItem item = ok.value();
            Location at = row.location();
            Location before = firstSeen.putIfAbsent(item.jobName(), at);
            if (before != null) {
                problems.add(new Problem(
                        at,
                        item.jobName(),
                        ControlTableItem.JOB_NAME,
                        item.jobName(),
                        "JobName is the table's key and must be unique; also at " + before));
            }
            boolean skipped = false;
            try {
                skipped = SkipFlag.isSkipped(item.skipFlag());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(
                        at,
                        item.jobName(),
                        ControlTableItem.SKIP_FLAG,
                        SkipFlag.text(item.skipFlag()),
                        e.getMessage()));
            }
            Optional<RunConditionException> invalid = parsed.computeIfAbsent(item.runCondition(), Validator::tryParse);
            if (invalid.isPresent()) {
                // A skipped job does not run whatever its condition says (SPEC §2), but it would be refused
                // the day it is unskipped: worth saying, not worth failing the table for.
                problems.add(new Problem(
                        at,
                        item.jobName(),
                        ControlTableItem.RUN_CONDITION,
                        item.runCondition(),
                        invalid.get().getMessage()
                                + (skipped ? " (the job is skipped; fix this before unskipping it)" : ""),
                        skipped ? Problem.Severity.WARNING : Problem.Severity.ERROR));
            }
            if (defined != null && !defined.contains(item.jobCategory())) {
                problems.add(new Problem(
                        at,
                        item.jobName(),
                        ControlTableItem.JOB_CATEGORY,
                        item.jobCategory(),
                        "category " + item.jobCategory() + " is not defined in "
                                + categories.get().source()));
            }
        }
        categories.ifPresent(c -> problems.addAll(categoryProblems(c)));
        problems.sort(Comparator.comparing((Problem p) -> p.location().source())
                .thenComparingInt(p -> p.location().line()));
        return problems;
    }

    private static Optional<RunConditionException> tryParse(String condition) {
        try {
            RunConditionParser.parse(condition);
            return Optional.empty();
        } catch (RunConditionException e) {
            return Optional.of(e);
        }
    }

    private static Set<String> categoryNames(Loaded<CategoryDefinition> categories) {
        Set<String> names = new HashSet<>();
        categories.values().forEach(d -> names.add(d.category()));
        return names;
    }

    /** Row problems of the category file, then the graph's, each placed at its category's row. */
    public static List<Problem> categoryProblems(Loaded<CategoryDefinition> categories) {
        List<Problem> problems = new ArrayList<>(categories.problems(CategoryDefinition.CATEGORY));
        Map<String, Location> where = new LinkedHashMap<>();
        Map<String, Location> duplicates = new HashMap<>();
        for (Loaded.Row<CategoryDefinition> row : categories.rows()) {
            if (row.decoded() instanceof dev.switchyard.contracts.Decoded.Ok<CategoryDefinition> ok) {
                if (where.putIfAbsent(ok.value().category(), row.location()) != null) {
                    duplicates.put(ok.value().category(), row.location());
                }
            }
        }
        for (CategoryGraph.GraphProblem p : CategoryGraph.check(categories.values())) {
            Location at = p.kind() == CategoryGraph.GraphProblem.Kind.DEFINED_TWICE
                    ? duplicates.get(p.category())
                    : where.get(p.category());
            problems.add(new Problem(at, p.category(), p.column(), p.text(), p.reason()));
        }
        return problems;
    }
}
