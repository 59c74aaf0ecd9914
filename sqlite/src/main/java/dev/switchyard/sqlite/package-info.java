/**
 * The embedded store: Switchyard's tables in one SQLite file, each with the semantics of the DynamoDB
 * tables they stand in for (the same conditions and updates, evaluated by {@link
 * dev.switchyard.reactor.store.Expressions}), and for streamed tables a change feed in place of DynamoDB
 * Streams. Opened with {@link dev.switchyard.sqlite.SqliteStore#open}.
 */
package dev.switchyard.sqlite;
