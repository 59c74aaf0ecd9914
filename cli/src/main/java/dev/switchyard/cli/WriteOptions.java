package dev.switchyard.cli;

import dev.switchyard.reactor.table.Stamp;
import picocli.CommandLine.Mixin;

/** What every command that writes to a store shares: the store, who writes, and how the outcome prints. */
final class WriteOptions {
    @Mixin
    TableOption table;

    @Mixin
    ActorOption actor;

    @Mixin
    FormatOption format;

    Store open(Main main) {
        return Store.open(table, main.clock());
    }

    /** The actor and the time, as the write will record them. */
    Stamp stamp(Main main) {
        return new Stamp(actor.actor(), main.clock().instant());
    }
}
