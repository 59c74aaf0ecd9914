package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One table of items: read by key or by query, written one item at a time under a {@link Condition}.
 * The single-item conditional write is the only atomic step every store gives, so every rule above is
 * built from it. Reads by key are strongly consistent; index reads may lag on DynamoDB (its global
 * secondary indexes are eventually consistent) but not on the embedded stores.
 *
 * <p>Failures: an invalid request (a malformed key, an update DynamoDB would refuse) is an {@link
 * IllegalArgumentException}; a store that cannot answer now is a {@link StoreUnavailableException}.
 */
public interface ItemTable {

    TableSchema schema();

    /** The item with this key, read consistently. */
    Optional<Map<String, Attr>> get(Map<String, Attr> key);

    /** One page of a partition of the table or of an index. */
    Page query(Query query);

    /** One page of every item, in no particular order. */
    Page scan(int limit, Map<String, Attr> startAfter);

    /** Replaces the whole item if the condition holds on the item as it is. */
    WriteResult put(Map<String, Attr> item, Condition condition);

    /** Changes an item (creating it with its key if missing) if the condition holds. */
    WriteResult update(Map<String, Attr> key, Update update, Condition condition);

    /** Deletes an item if the condition holds; deleting a missing item is applied and returns empty. */
    WriteResult delete(Map<String, Attr> key, Condition condition);

    /**
     * Runs work so that its writes land together or not at all where the store can promise that (SQLite:
     * one transaction, rolled back when work throws). Stores that cannot (DynamoDB, whose transactions
     * hold at most 100 items) just run it: callers that need all-or-nothing there undo what they wrote.
     */
    default <T> T atomically(Supplier<T> work) {
        return work.get();
    }
}
