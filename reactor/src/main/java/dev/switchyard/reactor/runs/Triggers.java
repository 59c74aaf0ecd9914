package dev.switchyard.reactor.runs;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
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

    /** A marker: which category run was triggered, because of which upstream runs, when and by whom. */
    public record Trigger(String category, LocalDate runDate, List<String> causes, Instant at, String by) {
        public Trigger {
            causes = List.copyOf(causes);
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
        item.put(StateTable.EXPIRES_AT, Attr.n(trigger.at().plus(retention).getEpochSecond()));
        return table.put(item, Condition.notExists(StateTable.PK)).applied();
    }

    public Optional<Trigger> get(String category, LocalDate runDate) {
        return table.get(key(category, runDate))
                .map(item -> new Trigger(
                        ((Attr.S) item.get("Category")).value(),
                        LocalDate.parse(((Attr.S) item.get("RunDate")).value()),
                        ((Attr.L) item.get("Causes"))
                                .values().stream()
                                        .map(a -> ((Attr.S) a).value())
                                        .toList(),
                        Timestamps.parse(((Attr.S) item.get("TriggeredAt")).value())
                                .orElseThrow(),
                        ((Attr.S) item.get("TriggeredBy")).value()));
    }

    private static Map<String, Attr> key(String category, LocalDate runDate) {
        Map<String, Attr> key = new LinkedHashMap<>();
        key.put(StateTable.PK, new Attr.S(PREFIX + category));
        key.put(StateTable.SK, new Attr.S(runDate.toString()));
        return key;
    }
}
