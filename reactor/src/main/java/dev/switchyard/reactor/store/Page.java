package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.List;
import java.util.Map;

/**
 * One page of a query or scan.
 *
 * @param items the items, in order
 * @param lastKey where the next page starts (pass it to {@link Query#after}), or {@code null} when
 *     there is no next page; as in DynamoDB, a full page may carry a key even if nothing follows
 */
public record Page(List<Map<String, Attr>> items, Map<String, Attr> lastKey) {
    public Page {
        items = List.copyOf(items);
        lastKey = lastKey == null ? null : Map.copyOf(lastKey);
    }

    public boolean hasMore() {
        return lastKey != null;
    }
}
