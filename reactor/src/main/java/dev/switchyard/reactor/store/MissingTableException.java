package dev.switchyard.reactor.store;

/**
 * The table a store was asked to use does not exist. Not retryable: the store has to be created first
 * ({@code switchyard init}, or the deployment's template).
 */
public final class MissingTableException extends IllegalStateException {
    private final String table;

    public MissingTableException(String table, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
    }

    /** The physical name of the missing table. */
    public String table() {
        return table;
    }
}
