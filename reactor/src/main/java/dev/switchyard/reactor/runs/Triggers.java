package dev.switchyard.reactor.runs;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.table.StateTable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trigger markers: the one record that makes chaining exactly-once (SPEC §3). Whoever creates the marker
 * for {@code (category, run date)} starts the execution; every other reactor instance, and every
 * redelivery, finds it there. Item {@code PK = TRIGGER#<category>}, {@code SK = <run date>}.
 */
public final class Triggers {
    static final String PREFIX = "TRIGGER#";

    private final ItemTable table;
    private final java.time.Duration retention;

    /**
     * @param retention how long a marker is kept (DynamoDB's time to live removes it): far longer than any
     *     event about its run date can still arrive, or a late redelivery could trigger the run again
     */
    public Triggers(ItemTable table, java.time.Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    /**
     * A marker: which category run was triggered, because of which upstream runs, when and by whom, and the
     * execution started for it once it is (null before).
     */
    public record Trigger(
            String category,
            LocalDate runDate,
            String environment,
            List<String> causes,
            Instant at,
            String by,
            String execution) {
        public Trigger {
            causes = List.copyOf(causes);
        }

        /** A marker about to be claimed: nothing started yet. */
        public Trigger(
                String category, LocalDate runDate, String environment, List<String> causes, Instant at, String by) {
            this(category, runDate, environment, causes, at, by, null);
        }
    }

    /**
     * Creates the marker unless it exists.
     *
     * @return true for the one caller that created it, which is to start the execution
     */
    public boolean claim(Trigger trigger) {
        Map<String, Attr> item = new LinkedHashMap<>(key(trigger.category(), trigger.runDate()));
        item.put("Category", new Attr.S(trigger.category()));
        item.put("RunDate", new Attr.S(trigger.runDate().toString()));
        item.put(
                "Causes",
                new Attr.L(trigger.causes().stream().<Attr>map(Attr.S::new).toList()));
        item.put("TriggeredAt", new Attr.S(Timestamps.format(trigger.at())));
        item.put("TriggeredBy", new Attr.S(trigger.by()));
        if (trigger.environment() != null) {
            item.put("Environment", new Attr.S(trigger.environment()));
        }
        item.put(StateTable.EXPIRES_AT, Attr.n(trigger.at().plus(retention).getEpochSecond()));
        return table.put(item, Condition.notExists(StateTable.PK)).applied();
    }

    /**
     * Notes on the marker that the run's execution was started, so that a redelivery after a crash between
     * claiming and starting knows to start it (starting is idempotent, so a repeat is harmless).
     */
    public void markStarted(String category, LocalDate runDate, String execution) {
        table.update(
                key(category, runDate),
                Update.builder().set("Execution", new Attr.S(execution)).build(),
                Condition.exists(StateTable.PK));
    }

    /** A category's latest markers, newest run date first. */
    public List<Trigger> recent(String category, int limit) {
        return table.query(Query.table(PREFIX + category, limit).descending()).items().stream()
                .map(Triggers::read)
                .toList();
    }

    public Optional<Trigger> get(String category, LocalDate runDate) {
        return table.get(key(category, runDate)).map(Triggers::read);
    }

    private static Trigger read(Map<String, Attr> item) {
        return new Trigger(
                ((Attr.S) item.get("Category")).value(),
                LocalDate.parse(((Attr.S) item.get("RunDate")).value()),
                item.get("Environment") instanceof Attr.S s ? s.value() : null,
                ((Attr.L) item.get("Causes"))
                        .values().stream().map(a -> ((Attr.S) a).value()).toList(),
                Timestamps.parse(((Attr.S) item.get("TriggeredAt")).value()).orElseThrow(),
                ((Attr.S) item.get("TriggeredBy")).value(),
                item.get("Execution") instanceof Attr.S s ? s.value() : null);
    }

    private static Map<String, Attr> key(String category, LocalDate runDate) {
        Map<String, Attr> key = new LinkedHashMap<>();
        key.put(StateTable.PK, new Attr.S(PREFIX + category));
        key.put(StateTable.SK, new Attr.S(runDate.toString()));
        return key;
    }
}
