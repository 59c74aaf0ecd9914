package dev.switchyard.reactor.table;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.category.CategoryGraph;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.RawRow;
import dev.switchyard.contracts.files.RowFiles;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The category definitions (SPEC §1), kept as one item of the {@link StateTable} with one {@code Version}.
 * One item because a dependency cycle is a property of the whole graph: two edits that are each fine
 * alone can close a cycle together, and only a write of the whole graph under one version can refuse
 * that. Every write checks the graph it would leave (cycles, unknown or doubled categories) before
 * writing. An item holds 400 KB, room for thousands of categories.
 */
public final class Categories {
    static final String PARTITION = "CATEGORIES";
    static final String SORT = "GRAPH";
    static final String DEFINITIONS = "Categories";

    private final ItemTable table;

    public Categories(ItemTable table) {
        if (!table.schema().partitionKey().equals(StateTable.PK)
                || !StateTable.SK.equals(table.schema().sortKey())) {
            throw new IllegalArgumentException("not a state table: " + table.schema());
        }
        this.table = table;
    }

    /** The definitions as stored, in the order written, with the graph's version (0 before the first write). */
    public record Stored(List<CategoryDefinition> definitions, long version, String updatedBy, String updatedAt) {
        public Stored {
            definitions = List.copyOf(definitions);
        }
    }

    /** What a write did: how many definitions it added, changed or removed, and the version it left. */
    public record Written(int created, int updated, int unchanged, int deleted, long version) {}

    public Stored read() {
        Map<String, Attr> item = table.get(key()).orElse(null);
        if (item == null) {
            return new Stored(List.of(), 0, null, null);
        }
        List<CategoryDefinition> definitions = new ArrayList<>();
        if (item.get(DEFINITIONS) instanceof Attr.L list) {
            for (Attr element : list.values()) {
                if (element instanceof Attr.M m) {
                    switch (CategoryDefinition.fromAttributes(m.values())) {
                        case Decoded.Ok<CategoryDefinition> ok -> definitions.add(ok.value());
                        case Decoded.Invalid<CategoryDefinition> invalid ->
                            throw new IllegalStateException("a stored category definition is invalid: "
                                    + invalid.problems() + "; re-import the categories");
                    }
                }
            }
        }
        return new Stored(
                definitions,
                ControlTable.version(item),
                item.get(JobColumns.UPDATED_BY) instanceof Attr.S s ? s.value() : null,
                item.get(JobColumns.UPDATED_AT) instanceof Attr.S s ? s.value() : null);
    }

    /** The definitions as rows, for the planner and the validator, each located by store and category. */
    public Loaded<CategoryDefinition> loaded(String source) {
        List<RawRow> rows = new ArrayList<>();
        for (CategoryDefinition d : read().definitions()) {
            rows.add(new RawRow(new Location(source + " category " + d.category(), 0), d.toAttributes()));
        }
        return Loaded.decode(source, new RowFiles.Rows(rows, List.of()), CategoryDefinition::fromAttributes);
    }

    /** Adds or replaces one definition. */
    public Written put(CategoryDefinition definition, OptionalLong expectedVersion, Stamp stamp) {
        return edit(definition.category(), current -> definition, expectedVersion, stamp);
    }

    /**
     * Adds or changes one definition, computed from the one stored now ({@code null} when there is none),
     * so that a partial edit applies to what another operator wrote in between rather than undoing it.
     *
     * @param change the new definition of {@code category}, from the current one
     */
    public Written edit(
            String category, UnaryOperator<CategoryDefinition> change, OptionalLong expectedVersion, Stamp stamp) {
        return change(expectedVersion, stamp, Set.of(category), list -> {
            CategoryDefinition current = list.stream()
                    .filter(d -> d.category().equals(category))
                    .findFirst()
                    .orElse(null);
            return upsert(list, List.of(change.apply(current)));
        });
    }

    /**
     * Removes a definition.
     *
     * @throws NoSuchItemException when it is not defined
     * @throws InvalidWriteException when other categories depend on it
     */
    public Written delete(String category, OptionalLong expectedVersion, Stamp stamp) {
        return change(expectedVersion, stamp, Set.of(category), list -> {
            List<CategoryDefinition> left = new ArrayList<>(list);
            if (!left.removeIf(d -> d.category().equals(category))) {
                throw new NoSuchItemException("no category " + category + " is defined");
            }
            return left;
        });
    }

    /**
     * Adds or replaces every definition of a file in one write, or none when any row or the resulting graph
     * is invalid. Categories the file does not name are kept.
     */
    public Written importAll(Loaded<CategoryDefinition> rows, Stamp stamp) {
        // Row problems are the file's; the graph (cycles, unknown dependencies) is checked on the merge with
        // what is stored, since a file may name categories defined before.
        List<Problem> fatal = new ArrayList<>(rows.problems(CategoryDefinition.CATEGORY));
        Map<String, Location> seen = new LinkedHashMap<>();
        for (Loaded.Row<CategoryDefinition> row : rows.rows()) {
            if (row.decoded() instanceof Decoded.Ok<CategoryDefinition> ok) {
                Location before = seen.putIfAbsent(ok.value().category(), row.location());
                if (before != null) {
                    fatal.add(new Problem(
                            row.location(),
                            ok.value().category(),
                            CategoryDefinition.CATEGORY,
                            ok.value().category(),
                            "defined twice; also at " + before));
                }
            }
        }
        if (!fatal.isEmpty()) {
            throw new InvalidWriteException(
                    rows.source() + " has " + fatal.size() + " problem(s); nothing was written", fatal);
        }
        Set<String> named = new HashSet<>();
        rows.values().forEach(d -> named.add(d.category()));
        return change(OptionalLong.empty(), stamp, named, list -> upsert(list, rows.values()));
    }

    /** Applies an edit to the stored graph; {@code subjects} are the categories the edit is about, for its counts. */
    private Written change(
            OptionalLong expectedVersion,
            Stamp stamp,
            Set<String> subjects,
            UnaryOperator<List<CategoryDefinition>> edit) {
        for (int attempt = 1; ; attempt++) {
            Stored current = read();
            if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
                throw new StaleVersionException(
                        SORT,
                        "categories: expected version " + expectedVersion.getAsLong() + " but they are version "
                                + current.version() + by(current) + "; read them again and redo the edit");
            }
            List<CategoryDefinition> next = edit.apply(current.definitions());
            refuseInvalidGraph(next);
            Written counts = counts(current.definitions(), next, subjects, current.version() + 1);
            if (counts.created() + counts.updated() + counts.deleted() == 0) {
                return new Written(0, 0, counts.unchanged(), 0, current.version());
            }
            Condition basedOn = current.version() == 0
                    ? Condition.notExists(StateTable.PK)
                    : Condition.eq(JobColumns.VERSION, Attr.n(current.version()));
            if (table.put(item(next, current.version() + 1, stamp), basedOn).applied()) {
                return counts;
            }
            if (expectedVersion.isPresent() || attempt == 3) {
                throw new StaleVersionException(
                        SORT, "categories changed while this write was on its way; nothing was written");
            }
        }
    }

    private static List<CategoryDefinition> upsert(List<CategoryDefinition> list, List<CategoryDefinition> given) {
        Map<String, CategoryDefinition> byName = new LinkedHashMap<>();
        list.forEach(d -> byName.put(d.category(), d));
        given.forEach(d -> byName.put(d.category(), d));
        return new ArrayList<>(byName.values());
    }

    private static void refuseInvalidGraph(List<CategoryDefinition> next) {
        List<CategoryGraph.GraphProblem> graph = CategoryGraph.check(next);
        if (!graph.isEmpty()) {
            List<Problem> problems = graph.stream()
                    .map(p ->
                            new Problem(new Location("categories", 0), p.category(), p.column(), p.text(), p.reason()))
                    .toList();
            throw new InvalidWriteException(
                    "the categories would be invalid: " + problems.getFirst() + "; nothing was written", problems);
        }
    }

    private static Written counts(
            List<CategoryDefinition> before, List<CategoryDefinition> after, Set<String> subjects, long version) {
        Map<String, CategoryDefinition> old = new LinkedHashMap<>();
        before.forEach(d -> old.put(d.category(), d));
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (CategoryDefinition d : after) {
            CategoryDefinition was = old.remove(d.category());
            if (was == null) {
                created++;
            } else if (was.equals(d)) {
                unchanged += subjects.contains(d.category()) ? 1 : 0;
            } else {
                updated++;
            }
        }
        return new Written(created, updated, unchanged, old.size(), version);
    }

    private static Map<String, Attr> item(List<CategoryDefinition> definitions, long version, Stamp stamp) {
        Map<String, Attr> item = new LinkedHashMap<>(key());
        item.put(
                DEFINITIONS,
                new Attr.L(definitions.stream()
                        .<Attr>map(d -> new Attr.M(d.toAttributes()))
                        .toList()));
        item.put(JobColumns.VERSION, Attr.n(version));
        item.put(JobColumns.UPDATED_BY, new Attr.S(stamp.actor()));
        item.put(JobColumns.UPDATED_AT, new Attr.S(Timestamps.format(stamp.at())));
        return item;
    }

    private static String by(Stored stored) {
        return (stored.updatedBy() == null ? "" : ", written by " + stored.updatedBy())
                + (stored.updatedAt() == null ? "" : " at " + stored.updatedAt());
    }

    private static Map<String, Attr> key() {
        return Map.of(StateTable.PK, new Attr.S(PARTITION), StateTable.SK, new Attr.S(SORT));
    }
}
