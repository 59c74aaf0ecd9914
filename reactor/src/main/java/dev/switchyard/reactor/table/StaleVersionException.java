package dev.switchyard.reactor.table;

/**
 * An operator's write was refused because the item is no longer the version it was based on: someone
 * else changed (or deleted, or created) it first. Nothing was written; read it again and redo the edit.
 */
public final class StaleVersionException extends RuntimeException {
    private final String key;

    public StaleVersionException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The job or category whose version was stale. */
    public String key() {
        return key;
    }
}
