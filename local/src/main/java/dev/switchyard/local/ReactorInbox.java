package dev.switchyard.local;

import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.event.TableChanged;
import dev.switchyard.contracts.stream.TableChange;
import dev.switchyard.ingest.decode.EventDecoder;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.react.Outcome;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.store.ChangeFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The reactor's inputs on one machine, delivered as AWS delivers them to its Lambda functions: EventBridge events
 * as JSON through the same decoder, the control table's changes from the SQLite change feed as its stream's
 * records. One thread handles them in the order they come (a function with a concurrency of one); an event the
 * reactor defers (its category run is not open yet) or that meets a transient failure is delivered again shortly,
 * for about a minute, as Lambda's retries would, and then reported.
 */
final class ReactorInbox implements AutoCloseable {
    /** An event the reactor defers is delivered again for about a minute, as Lambda's retries would. */
    private static final int MAX_REDELIVERIES = 2_400;

    /**
     * And for no longer than this in all, however slowly each attempt fails: a Kafka broker that is down makes
     * each attempt wait out its delivery timeout.
     */
    private static final Duration MAX_REDELIVERY_TIME = Duration.ofMinutes(2);

    private static final Duration REDELIVERY = Duration.ofMillis(25);
    private static final int FEED_PAGE = 500;

    private final Reactor reactor;
    private final ChangeFeed feed;
    private final Clock clock;
    private final Sink<Rejection> rejections;
    private final Consumer<String> problems;
    private final EventDecoder decoder = new EventDecoder();
    private final ScheduledExecutorService thread;
    private final Object idle = new Object();
    private int inFlight; // guarded by idle
    private long feedPosition; // read and written by the run's thread only

    /**
     * @param rejections where a record that cannot be decoded goes, with its reason
     * @param problems told of an event given up, or one the reactor failed on
     */
    ReactorInbox(Reactor reactor, ChangeFeed feed, Clock clock, Sink<Rejection> rejections, Consumer<String> problems) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchyard-reactor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Hands an EventBridge event (JSON) to the reactor, as an EventBridge rule would. */
    void deliver(String json) {
        switch (decoder.decode(json, "local event")) {
            case Received.Rejected r -> {
                rejections.accept(r.rejection());
                problems.accept("a local event was rejected: " + r.rejection().reason());
            }
            case Received.Accepted a -> submit(a.event(), 0, System.nanoTime());
        }
    }

    /** Hands the control table's changes since the last call to the reactor, as the table's stream would. */
    void pumpFeed() {
        while (true) {
            List<TableChange> changes = feed.read(feedPosition, FEED_PAGE);
            if (changes.isEmpty()) {
                return;
            }
            for (TableChange change : changes) {
                submit(new TableChanged(change), 0, System.nanoTime());
                feedPosition = Long.parseLong(change.sequenceNumber());
            }
        }
    }

    /** Skips the changes made before now: an earlier run handed them over already. */
    void skipFeed() {
        while (true) {
            List<TableChange> changes = feed.read(feedPosition, FEED_PAGE);
            if (changes.isEmpty()) {
                return;
            }
            feedPosition = Long.parseLong(changes.getLast().sequenceNumber());
        }
    }

    /**
     * Waits until the reactor has handled everything handed to it, redeliveries included. Not interruptible: a
     * run being stopped still records what its jobs reported.
     */
    void drain() {
        boolean interrupted = false;
        synchronized (idle) {
            while (inFlight > 0) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(InboundEvent event, int attempt, long since) {
        synchronized (idle) {
            inFlight++;
        }
        Runnable handle = () -> {
            try {
                Outcome outcome = reactor.handle(event, clock.instant());
                if (outcome.kind() == Outcome.Kind.DEFERRED) {
                    redeliver(event, attempt, since, outcome.detail());
                }
            } catch (TransientFailureException e) {
                redeliver(event, attempt, since, e.getMessage());
            } catch (RuntimeException e) {
                problems.accept("the reactor failed on an event: " + e);
            } finally {
                synchronized (idle) {
                    inFlight--;
                    idle.notifyAll();
                }
            }
        };
        if (attempt == 0) {
            thread.execute(handle);
        } else {
            thread.schedule(handle, REDELIVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void redeliver(InboundEvent event, int attempt, long since, String why) {
        Duration spent = Duration.ofNanos(System.nanoTime() - since);
        if (attempt >= MAX_REDELIVERIES || spent.compareTo(MAX_REDELIVERY_TIME) > 0) {
            problems.accept(
                    "an event was given up after " + attempt + " redeliveries in " + spent.toSeconds() + " s: " + why);
            return;
        }
        submit(event, attempt + 1, since);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
