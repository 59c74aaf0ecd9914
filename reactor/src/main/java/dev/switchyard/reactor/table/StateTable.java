package dev.switchyard.reactor.table;

import dev.switchyard.reactor.store.TableSchema;
import java.util.List;

/**
 * The second table: everything Switchyard keeps that is not a job — the category definitions, run
 * history, category runs with their manifests, and trigger markers — as items under a generic
 * {@code PK}/{@code SK} key. One table rather than one per record type because each record is read by
 * its key or by one partition query, and one table is one thing to create, secure, back up and expire
 * ({@code ExpiresAt}, DynamoDB's time to live). It is not streamed: its writes are the reactor's own.
 * The local index {@code ByTime} orders a partition by {@code At} (run history, newest first).
 */
public final class StateTable {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String AT = "At";
    public static final String EXPIRES_AT = "ExpiresAt";
    public static final String BY_TIME = "ByTime";

    public static final TableSchema SCHEMA =
            new TableSchema("state", PK, SK, List.of(new TableSchema.Index(BY_TIME, PK, AT, true)), false, EXPIRES_AT);

    private StateTable() {}
}
