package dev.switchyard.reactor.store;

import dev.switchyard.contracts.stream.TableChange;
import java.util.List;

/**
 * The changes of a streamed table in the order they were made, for stores that keep them themselves
 * (the embedded store; on AWS, DynamoDB Streams delivers them to the reactor's Lambda function instead).
 */
public interface ChangeFeed {

    /**
     * Changes after a position, oldest first.
     *
     * @param afterSequence the sequence number of the last change already read, or 0 to read from the
     *     start
     * @param limit at most this many
     */
    List<TableChange> read(long afterSequence, int limit);
}
