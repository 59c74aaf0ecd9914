package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.Map;

/** What a conditional write did. */
public sealed interface WriteResult {

    /**
     * The write happened.
     *
     * @param item the item after a put or update; before a delete (empty when there was none)
     */
    record Applied(Map<String, Attr> item) implements WriteResult {
        public Applied {
            item = Map.copyOf(item);
        }
    }

    /** The condition was false, so nothing was written. */
    record ConditionFailed() implements WriteResult {}

    default boolean applied() {
        return this instanceof Applied;
    }
}
