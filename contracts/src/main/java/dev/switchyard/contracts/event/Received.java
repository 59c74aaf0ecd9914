package dev.switchyard.contracts.event;

import java.util.Objects;

/** What decoding one input record gave: an event, or a rejection with its reason. */
public sealed interface Received {

    record Accepted(InboundEvent event) implements Received {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }
    }

    record Rejected(Rejection rejection) implements Received {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
