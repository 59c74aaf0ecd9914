package dev.switchyard.dynamodb;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.Update;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes the expressions of one DynamoDB request (condition, update, key condition) from the store port's
 * types, collecting the placeholders they use. One writer per request: DynamoDB refuses a request whose
 * ExpressionAttributeNames or ExpressionAttributeValues hold a placeholder no expression uses.
 */
final class ExpressionWriter {
    // Every path segment goes through a #name placeholder, never inline: attribute names may be reserved
    // words (Name, Status), and a name with a dot, space or '#' cannot be written in an expression at all.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html

    private final String anyAttribute;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    /**
     * @param anyAttribute an attribute every item has (the partition key), which an always-true condition
     *     nested in another is written about, since an expression has no literal {@code true}
     */
    ExpressionWriter(String anyAttribute) {
        this.anyAttribute = anyAttribute;
    }

    /** The placeholder → name map the expressions use; empty means leave the request's map unset. */
    Map<String, String> names() {
        return names.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a, LinkedHashMap::new));
    }

    /** The placeholder → value map the expressions use; empty means leave the request's map unset. */
    Map<String, AttributeValue> values() {
        return values;
    }

    /** A ConditionExpression, or {@code null} when the condition always holds (so the write has none). */
    String condition(Condition condition) {
        return alwaysTrue(condition) ? null : expression(condition);
    }

    /** An UpdateExpression: its SET, REMOVE, ADD and DELETE clauses, each present when used. */
    String update(Update update) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        for (Update.Action action : update.actions()) {
            String path = path(action.path());
            switch (action) {
                case Update.Set s -> set.add(path + " = " + value(s.value()));
                case Update.SetIfNotExists s ->
                    set.add(path + " = if_not_exists(" + path + ", " + value(s.value()) + ")");
                case Update.Remove r -> remove.add(path);
                case Update.Add a -> add.add(path + " " + value(a.value()));
                case Update.Delete d -> delete.add(path + " " + value(d.value()));
            }
        }
        List<String> clauses = new ArrayList<>(4);
        clause(clauses, "SET", set);
        clause(clauses, "REMOVE", remove);
        clause(clauses, "ADD", add);
        clause(clauses, "DELETE", delete);
        return String.join(" ", clauses);
    }

    /**
     * A KeyConditionExpression: the partition key's value, and the sort condition when there is one.
     *
     * @param sortKey the sort key of the table or index read, or {@code null} when it has none
     */
    String keyCondition(String partitionKey, String partition, String sortKey, Query.SortCondition sort) {
        String onPartition = path(Path.of(partitionKey)) + " = " + value(new Attr.S(partition));
        if (sort.kind() == Query.SortCondition.Kind.ALL) {
            return onPartition;
        }
        if (sortKey == null) {
            throw new IllegalArgumentException("there is no sort key to query on, only " + partitionKey);
        }
        String key = path(Path.of(sortKey));
        String onSort = switch (sort.kind()) {
            case EQ -> key + " = " + value(new Attr.S(sort.value()));
            case LT -> key + " < " + value(new Attr.S(sort.value()));
            case LE -> key + " <= " + value(new Attr.S(sort.value()));
            case GT -> key + " > " + value(new Attr.S(sort.value()));
            case GE -> key + " >= " + value(new Attr.S(sort.value()));
            case BEGINS_WITH -> "begins_with(" + key + ", " + value(new Attr.S(sort.value())) + ")";
            case BETWEEN ->
                key + " BETWEEN " + value(new Attr.S(sort.value())) + " AND " + value(new Attr.S(sort.upTo()));
            case ALL -> throw new AssertionError("handled above");
        };
        return onPartition + " AND " + onSort;
    }

    /** Whether a condition holds on every item: an AND of nothing, or of such ANDs only. */
    static boolean alwaysTrue(Condition condition) {
        return condition instanceof Condition.And and && and.all().stream().allMatch(ExpressionWriter::alwaysTrue);
    }

    private String expression(Condition condition) {
        return switch (condition) {
            case Condition.Exists e -> "attribute_exists(" + path(e.path()) + ")";
            case Condition.NotExists n -> "attribute_not_exists(" + path(n.path()) + ")";
            case Condition.Compare c -> path(c.path()) + " " + c.op().symbol() + " " + value(c.value());
            case Condition.BeginsWith b -> "begins_with(" + path(b.path()) + ", " + value(new Attr.S(b.prefix())) + ")";
            case Condition.Contains c -> "contains(" + path(c.path()) + ", " + value(c.value()) + ")";
            case Condition.And and -> and(and);
            case Condition.Or or -> or(or);
            case Condition.Not not -> "(NOT " + expression(not.condition()) + ")";
        };
    }

    // Always-true parts of an AND change nothing, so they are left out; an OR with one is itself always
    // true. Only where no other operand is left (an empty AND under NOT, say) is truth written out.
    private String and(Condition.And and) {
        List<String> parts = new ArrayList<>();
        for (Condition part : and.all()) {
            if (!alwaysTrue(part)) {
                parts.add(expression(part));
            }
        }
        if (parts.isEmpty()) {
            return truth();
        }
        return parts.size() == 1 ? parts.getFirst() : "(" + String.join(" AND ", parts) + ")";
    }

    private String or(Condition.Or or) {
        if (or.any().stream().anyMatch(ExpressionWriter::alwaysTrue)) {
            return truth();
        }
        List<String> parts = new ArrayList<>();
        for (Condition part : or.any()) {
            parts.add(expression(part));
        }
        return parts.size() == 1 ? parts.getFirst() : "(" + String.join(" OR ", parts) + ")";
    }

    private String truth() {
        String name = path(Path.of(anyAttribute));
        return "(attribute_exists(" + name + ") OR attribute_not_exists(" + name + "))";
    }

    private String path(Path path) {
        return path.segments().stream().map(this::name).collect(Collectors.joining("."));
    }

    private String name(String segment) {
        return names.computeIfAbsent(segment, s -> "#n" + names.size());
    }

    private String value(Attr value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, AttributeValues.toAttributeValue(value, placeholder));
        return placeholder;
    }

    private static void clause(List<String> clauses, String keyword, List<String> actions) {
        if (!actions.isEmpty()) {
            clauses.add(keyword + " " + String.join(", ", actions));
        }
    }
}
