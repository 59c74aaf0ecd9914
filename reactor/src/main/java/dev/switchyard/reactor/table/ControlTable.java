package dev.switchyard.reactor.table;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.RawRow;
import dev.switchyard.contracts.files.RowFiles;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.contracts.validation.Validator;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.Utf8;
import dev.switchyard.reactor.store.WriteResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * The control table (SPEC §1) on any {@link ItemTable}: the reads the planner and operators need, operator
 * writes under optimistic locking on {@code Version}, and the reactor's status writes, which touch only the
 * reactor's own columns (see {@link JobColumns}) so that neither side overwrites the other.
 */
public final class ControlTable {
    /** The name of the global secondary index that serves the per-category query. */
    public static final String CATEGORY_INDEX = "JobCategory-index";

    /**
     * Keyed by {@code JobName}; a global index on {@code JobCategory} sorted by {@code JobName}, so a
     * category reads in a stable order; changes streamed with both images for the reactor and the audit.
     */
    public static final TableSchema SCHEMA = new TableSchema(
            "jobs",
            ControlTableItem.JOB_NAME,
            null,
            List.of(new TableSchema.Index(
                    CATEGORY_INDEX, ControlTableItem.JOB_CATEGORY, ControlTableItem.JOB_NAME, false)),
            true,
            null);

    /**
     * Items asked for per page when reading a whole category or table. Large, so that DynamoDB's own cap of
     * 1 MB per page decides (about 5,000 jobs of 200 bytes): a 10,000-job category is 3 requests, not 20.
     */
    private static final int PAGE = 10_000;

    private final ItemTable table;

    public ControlTable(ItemTable table) {
        if (!table.schema().partitionKey().equals(ControlTableItem.JOB_NAME)
                || table.schema().sortKey() != null
                || table.schema().index(CATEGORY_INDEX).isEmpty()) {
            throw new IllegalArgumentException("not a control table: " + table.schema());
        }
        this.table = table;
    }

    // ---- reads ----

    /** The job's item as stored, read consistently. */
    public Optional<Map<String, Attr>> get(String jobName) {
        return table.get(key(jobName));
    }

    /** One page of a category's items, in {@code JobName} order. */
    public Page categoryPage(String category, Map<String, Attr> startAfter, int limit) {
        return table.query(Query.index(CATEGORY_INDEX, category, limit).after(startAfter));
    }

    /** Every item of a category, in {@code JobName} order. */
    public List<Map<String, Attr>> category(String category) {
        List<Map<String, Attr>> items = new ArrayList<>();
        Map<String, Attr> after = null;
        do {
            Page page = categoryPage(category, after, PAGE);
            items.addAll(page.items());
            after = page.lastKey();
        } while (after != null);
        return items;
    }

    /** Every item, in {@code JobName} order (a scan; the table holds one item per Glue job). */
    public List<Map<String, Attr>> all() {
        List<Map<String, Attr>> items = new ArrayList<>();
        Map<String, Attr> after = null;
        do {
            Page page = table.scan(PAGE, after);
            items.addAll(page.items());
            after = page.lastKey();
        } while (after != null);
        items.sort(Comparator.comparing(i -> name(i), Utf8::compare));
        return items;
    }

    /**
     * Items read and checked as a file's rows are, so that the planner and the validator treat a store and
     * a file alike; each row's location names the store and the job.
     */
    public static Loaded<ControlTableItem> loaded(String source, List<Map<String, Attr>> items) {
        List<RawRow> rows = new ArrayList<>(items.size());
        for (Map<String, Attr> item : items) {
            rows.add(new RawRow(new Location(source + " job " + name(item), 0), item));
        }
        return Loaded.decode(source, new RowFiles.Rows(rows, List.of()), ControlTableItem::fromAttributes);
    }

    // ---- operator writes ----

    /** What an operator's write did. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        DELETED
    }

    /** The outcome of one job's write and the version it left. */
    public record Written(String jobName, Outcome outcome, long version) {}

    /**
     * Writes a job's operator columns (creating the job with every column given, status included, when it
     * is new), after checking it as {@code validate} would. An unchanged job is not written.
     *
     * @param expectedVersion the version the edit is based on (0: the job must not exist yet); empty to
     *     write over whatever version is there
     * @throws InvalidWriteException when RunCondition or SkipFlag is invalid; nothing is written
     * @throws StaleVersionException when the job is not at {@code expectedVersion}, or changed while
     *     this write was on its way
     */
    public Written put(ControlTableItem desired, OptionalLong expectedVersion, Stamp stamp) {
        refuseInvalid(List.of(desired));
        Map<String, Attr> current = get(desired.jobName()).orElse(null);
        checkExpected(desired.jobName(), current, expectedVersion);
        return write(desired, current, stamp);
    }

    /**
     * Applies an edit to the job as it is now. Without an expected version, a write of another operator's
     * landing in between is retried (the edit is then applied to their version; the reactor's writes never
     * interfere); with one, it is refused.
     *
     * @throws NoSuchItemException when the job does not exist
     * @throws StaleVersionException when the job is not at {@code expectedVersion}
     */
    public Written edit(
            String jobName, UnaryOperator<ControlTableItem> change, OptionalLong expectedVersion, Stamp stamp) {
        for (int attempt = 1; ; attempt++) {
            Map<String, Attr> current = existing(jobName);
            checkExpected(jobName, current, expectedVersion);
            ControlTableItem changed = change.apply(stored(current));
            refuseInvalid(List.of(changed));
            try {
                return write(changed, current, stamp);
            } catch (StaleVersionException e) {
                if (expectedVersion.isPresent() || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Sets a job's SkipFlag to {@code YES} or {@code NO}, on the job as it is now (another operator's write in
     * between is retried). Unskipping a job whose RunCondition is invalid is refused.
     *
     * @throws NoSuchItemException when the job does not exist
     * @throws InvalidWriteException when the job's row would be invalid
     */
    public Written setSkipFlag(String jobName, boolean skip, Stamp stamp) {
        return edit(
                jobName,
                item -> new ControlTableItem(
                        item.jobName(),
                        item.environment(),
                        item.jobCategory(),
                        item.runCondition(),
                        new Attr.S(skip ? "YES" : "NO"),
                        item.statusFlag(),
                        item.lastRunTimestamp(),
                        item.otherColumns()),
                OptionalLong.empty(),
                stamp);
    }

    /**
     * Deletes a job. The item is first stamped with the deleting actor, so that the stream's REMOVE record
     * (which carries only the old image) names who deleted it.
     *
     * @throws NoSuchItemException when the job does not exist
     * @throws StaleVersionException when the job is not at {@code expectedVersion}
     */
    public Written delete(String jobName, OptionalLong expectedVersion, Stamp stamp) {
        Map<String, Attr> current = existing(jobName);
        checkExpected(jobName, current, expectedVersion);
        long next = version(current) + 1;
        if (!table.update(key(jobName), stamped(Update.builder(), next, stamp).build(), versionIs(current))
                .applied()) {
            throw stale(jobName, version(current));
        }
        if (!table.delete(key(jobName), Condition.eq(JobColumns.VERSION, Attr.n(next)))
                .applied()) {
            throw stale(jobName, next);
        }
        return new Written(jobName, Outcome.DELETED, next);
    }

    private Map<String, Attr> existing(String jobName) {
        return get(jobName).orElseThrow(() -> new NoSuchItemException("no job " + jobName + " in the control table"));
    }

    /** What an import did. */
    public record Imported(List<Written> written, int statusColumnsKept) {
        public long count(Outcome outcome) {
            return written.stream().filter(w -> w.outcome() == outcome).count();
        }
    }

    /**
     * Writes every row of a file, or none. Every row is checked first: if any is invalid, or any row
     * carrying a {@code Version} is stale, nothing is written. Rows without {@code Version} write over the
     * job. On a store with transactions (SQLite) the writes are one transaction; elsewhere (DynamoDB) a
     * write that fails midway has the earlier ones undone before the error is raised.
     *
     * @param onProgress called after each row written, with the count so far
     */
    public Imported importAll(Loaded<ControlTableItem> rows, Stamp stamp, java.util.function.IntConsumer onProgress) {
        List<Problem> problems = errors(Validator.validate(rows, Optional.empty()));
        if (!problems.isEmpty()) {
            throw new InvalidWriteException(
                    rows.source() + " has " + problems.size() + " problem(s); nothing was written", problems);
        }
        List<ControlTableItem> items = rows.values();
        return table.atomically(() -> {
            List<Map<String, Attr>> before = new ArrayList<>(items.size());
            List<String> conflicts = new ArrayList<>();
            for (ControlTableItem item : items) {
                Map<String, Attr> current = get(item.jobName()).orElse(null);
                before.add(current);
                try {
                    checkExpected(item.jobName(), current, versionColumn(item));
                } catch (StaleVersionException e) {
                    conflicts.add(e.getMessage());
                }
            }
            if (!conflicts.isEmpty()) {
                throw new StaleVersionException(
                        items.get(0).jobName(),
                        conflicts.size() + " job(s) changed since the file was exported; nothing was written:\n  "
                                + String.join("\n  ", conflicts));
            }
            List<Written> written = new ArrayList<>(items.size());
            int kept = 0;
            try {
                for (int i = 0; i < items.size(); i++) {
                    written.add(write(items.get(i), before.get(i), stamp));
                    kept += before.get(i) == null ? 0 : reactorColumnsDiffering(items.get(i), before.get(i));
                    onProgress.accept(i + 1);
                }
            } catch (RuntimeException e) {
                List<String> notUndone = undo(written, before, stamp);
                if (!notUndone.isEmpty()) {
                    e.addSuppressed(new IllegalStateException(
                            "could not undo the import of " + notUndone + ": changed by someone else meanwhile"));
                }
                throw e;
            }
            return new Imported(written, kept);
        });
    }

    private Written write(ControlTableItem desired, Map<String, Attr> current, Stamp stamp) {
        String name = desired.jobName();
        Map<String, Attr> wanted = desired.toAttributes();
        if (current == null) {
            Map<String, Attr> item = new LinkedHashMap<>();
            wanted.forEach((column, value) -> {
                if (!JobColumns.isManaged(column)) {
                    item.put(column, value);
                }
            });
            stampInto(item, 1, stamp);
            if (!table.put(item, Condition.notExists(ControlTableItem.JOB_NAME)).applied()) {
                throw stale(name, 0);
            }
            return new Written(name, Outcome.CREATED, 1);
        }
        Update.Builder changes = operatorChanges(wanted, current);
        long version = version(current);
        if (changes.isEmpty()) {
            return new Written(name, Outcome.UNCHANGED, version);
        }
        if (!table.update(key(name), stamped(changes, version + 1, stamp).build(), versionIs(current))
                .applied()) {
            throw stale(name, version);
        }
        return new Written(name, Outcome.UPDATED, version + 1);
    }

    /** SET what differs, REMOVE what the operator no longer has; the reactor's columns are not touched. */
    private static Update.Builder operatorChanges(Map<String, Attr> wanted, Map<String, Attr> current) {
        Update.Builder changes = Update.builder();
        wanted.forEach((column, value) -> {
            if (JobColumns.isOperatorOwned(column) && !value.equals(current.get(column))) {
                changes.set(column, value);
            }
        });
        for (String column : current.keySet()) {
            if (JobColumns.isOperatorOwned(column) && !wanted.containsKey(column)) {
                changes.remove(column);
            }
        }
        return changes;
    }

    private List<String> undo(List<Written> written, List<Map<String, Attr>> before, Stamp stamp) {
        List<String> failed = new ArrayList<>();
        for (int i = written.size() - 1; i >= 0; i--) {
            Written w = written.get(i);
            Condition ours = Condition.eq(JobColumns.VERSION, Attr.n(w.version()));
            boolean undone = switch (w.outcome()) {
                case CREATED -> table.delete(key(w.jobName()), ours).applied();
                case UPDATED -> {
                    Map<String, Attr> now = get(w.jobName()).orElse(Map.of());
                    Update.Builder restore = stamped(operatorChanges(before.get(i), now), w.version() + 1, stamp);
                    yield table.update(key(w.jobName()), restore.build(), ours).applied();
                }
                case UNCHANGED, DELETED -> true;
            };
            if (!undone) {
                failed.add(w.jobName());
            }
        }
        return failed;
    }

    private static int reactorColumnsDiffering(ControlTableItem desired, Map<String, Attr> current) {
        return (int) desired.toAttributes().entrySet().stream()
                .filter(e -> JobColumns.isReactorOwned(e.getKey()))
                .filter(e -> !e.getValue().equals(current.get(e.getKey())))
                .count();
    }

    // ---- the reactor's status writes ----

    /** What a status write did. */
    public enum StatusOutcome {
        /** Written. */
        APPLIED,
        /** The guard was false: the item holds a newer or final status already. */
        SUPERSEDED,
        /** No such job: a job that is not in the table is not created by its events. */
        NO_SUCH_JOB
    }

    /**
     * What a status write did, and the item: after the write when it was applied, as it is when the write was
     * superseded (the read that told superseded from missing), null when there is no such job; so the caller
     * needs no read of its own for the job's category and environment.
     */
    public record StatusWrite(StatusOutcome outcome, Map<String, Attr> item) {
        public StatusWrite {
            item = item == null ? null : Map.copyOf(item);
        }
    }

    /**
     * Sets reactor-owned columns (StatusFlag, LastRunTimestamp, Last…) when {@code guard} holds and the job
     * exists, removing those whose value is null; {@code Version} is not changed, so an operator's edit in
     * flight still lands.
     */
    public StatusWrite writeStatus(String jobName, Map<String, Attr> columns, Condition guard, Stamp stamp) {
        Update.Builder update = Update.builder();
        columns.forEach((column, value) -> {
            if (!JobColumns.isReactorOwned(column)) {
                throw new IllegalArgumentException(column + " is not a column the reactor writes");
            }
            if (value == null) {
                update.remove(column);
            } else {
                update.set(column, value);
            }
        });
        update.set(JobColumns.UPDATED_BY, new Attr.S(stamp.actor()))
                .set(JobColumns.UPDATED_AT, new Attr.S(Timestamps.format(stamp.at())));
        WriteResult result = table.update(
                key(jobName), update.build(), Condition.and(Condition.exists(ControlTableItem.JOB_NAME), guard));
        if (result instanceof WriteResult.Applied applied) {
            return new StatusWrite(StatusOutcome.APPLIED, applied.item());
        }
        Map<String, Attr> current = get(jobName).orElse(null);
        return new StatusWrite(current != null ? StatusOutcome.SUPERSEDED : StatusOutcome.NO_SUCH_JOB, current);
    }

    // ---- helpers ----

    /** The item's {@code Version}; 0 when it has none (written by something other than Switchyard). */
    public static long version(Map<String, Attr> item) {
        return item == null ? 0 : versionOf(item.get(JobColumns.VERSION)).orElse(0);
    }

    private static OptionalLong versionColumn(ControlTableItem item) {
        return versionOf(item.otherColumns().get(JobColumns.VERSION));
    }

    private static OptionalLong versionOf(Attr value) {
        String text = switch (value) {
            case Attr.N n -> n.value();
            case Attr.S s when !s.value().isBlank() -> s.value().strip();
            case null, default -> null;
        };
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(new BigDecimal(text).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Version must be a whole number, found '" + text + "'");
        }
    }

    private static Condition versionIs(Map<String, Attr> current) {
        Attr version = current.get(JobColumns.VERSION);
        return Condition.and(
                Condition.exists(ControlTableItem.JOB_NAME),
                version == null ? Condition.notExists(JobColumns.VERSION) : Condition.eq(JobColumns.VERSION, version));
    }

    private static void checkExpected(String name, Map<String, Attr> current, OptionalLong expected) {
        if (expected.isEmpty()) {
            return;
        }
        long want = expected.getAsLong();
        if (current == null && want != 0) {
            throw new StaleVersionException(
                    name, name + ": expected version " + want + " but the job does not exist (deleted?)");
        }
        if (current != null && version(current) != want) {
            throw new StaleVersionException(
                    name,
                    name + ": expected version " + want + " but it is version " + version(current) + by(current)
                            + "; read it again and redo the edit");
        }
    }

    private StaleVersionException stale(String name, long basedOn) {
        Map<String, Attr> now = get(name).orElse(null);
        String what = now == null ? "it was deleted meanwhile" : "it is now version " + version(now) + by(now);
        return new StaleVersionException(
                name,
                name + ": changed while this write was on its way (based on version " + basedOn + "; " + what
                        + "); nothing was written");
    }

    private static String by(Map<String, Attr> item) {
        String who = item.get(JobColumns.UPDATED_BY) instanceof Attr.S s ? s.value() : null;
        String when = item.get(JobColumns.UPDATED_AT) instanceof Attr.S s ? s.value() : null;
        return (who == null ? "" : ", written by " + who) + (when == null ? "" : " at " + when);
    }

    /** Adds an operator write's own columns: the next {@code Version}, {@code UpdatedBy}, {@code UpdatedAt}. */
    private static Update.Builder stamped(Update.Builder update, long version, Stamp stamp) {
        return update.set(JobColumns.VERSION, Attr.n(version))
                .set(JobColumns.UPDATED_BY, new Attr.S(stamp.actor()))
                .set(JobColumns.UPDATED_AT, new Attr.S(Timestamps.format(stamp.at())));
    }

    private static void stampInto(Map<String, Attr> item, long version, Stamp stamp) {
        item.put(JobColumns.VERSION, Attr.n(version));
        item.put(JobColumns.UPDATED_BY, new Attr.S(stamp.actor()));
        item.put(JobColumns.UPDATED_AT, new Attr.S(Timestamps.format(stamp.at())));
    }

    private static void refuseInvalid(List<ControlTableItem> items) {
        List<RawRow> rows = new ArrayList<>();
        for (ControlTableItem item : items) {
            rows.add(new RawRow(new Location("job " + item.jobName(), 0), item.toAttributes()));
        }
        Loaded<ControlTableItem> loaded =
                Loaded.decode("write", new RowFiles.Rows(rows, List.of()), ControlTableItem::fromAttributes);
        List<Problem> problems = errors(Validator.validate(loaded, Optional.empty()));
        if (!problems.isEmpty()) {
            throw new InvalidWriteException(problems.getFirst().toString(), problems);
        }
    }

    private static List<Problem> errors(List<Problem> problems) {
        return problems.stream().filter(Problem::isError).toList();
    }

    private static Map<String, Attr> key(String jobName) {
        return Map.of(ControlTableItem.JOB_NAME, new Attr.S(Objects.requireNonNull(jobName, "jobName")));
    }

    private static String name(Map<String, Attr> item) {
        return item.get(ControlTableItem.JOB_NAME) instanceof Attr.S s ? s.value() : "?";
    }

    private static ControlTableItem stored(Map<String, Attr> item) {
        return switch (ControlTableItem.fromAttributes(item)) {
            case Decoded.Ok<ControlTableItem> ok -> ok.value();
            case Decoded.Invalid<ControlTableItem> invalid ->
                throw new IllegalStateException("job " + name(item) + " is stored with invalid columns: "
                        + invalid.problems() + "; fix it with switchyard jobs put");
        };
    }
}
