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

    /** An {@code --if-version} value as the store's rules take it: empty when not given. */
    static java.util.OptionalLong expected(Long version) {
        return version == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(version);
    }

    /** The actor and the time, as the write will record them. */
    Stamp stamp(Main main) {
        return new Stamp(actor.actor(), main.clock().instant());
    }
}
