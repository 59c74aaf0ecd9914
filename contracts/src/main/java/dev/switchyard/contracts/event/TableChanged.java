package dev.switchyard.contracts.event;

import dev.switchyard.contracts.stream.TableChange;
import java.time.Instant;
import java.util.Objects;

/** A change of the control table, from its DynamoDB stream (or the embedded store's change feed). */
public record TableChanged(TableChange change) implements InboundEvent {

    public TableChanged {
        Objects.requireNonNull(change, "change");
    }

    @Override
    public String eventId() {
        return change.eventId();
    }

    @Override
    public Instant time() {
        return change.at();
    }
}
