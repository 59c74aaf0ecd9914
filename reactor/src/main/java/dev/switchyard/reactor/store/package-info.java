/**
 * The storage port the reactor's records live behind: items addressed by keys, read by key or by a query
 * on one partition, and written one item at a time under a condition. That is DynamoDB's own model, cut
 * down to what Switchyard uses, so the DynamoDB adapter is a thin translation and the embedded stores
 * (SQLite, in memory) evaluate the same conditions and updates with {@link
 * dev.switchyard.reactor.store.Expressions}. Every rule above this package (optimistic locking, status
 * writes that never regress, exactly-once triggers) is built from single-item conditional writes, the
 * one atomic step DynamoDB and SQLite share.
 */
package dev.switchyard.reactor.store;
