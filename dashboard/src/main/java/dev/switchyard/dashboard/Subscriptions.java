package dev.switchyard.dashboard;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The live part of the dashboard: every {@code refresh}, the overview of each date someone watches is read once,
 * however many pages show it, and handed to that date's subscribers; each decides whether it differs from what it
 * last sent. The stores are read only while someone watches.
 */
final class Subscriptions implements AutoCloseable {
    /** What a subscriber receives: an overview, or why none could be read this time. */
    sealed interface Update {
        record Fresh(Overview overview) implements Update {}

        record Failed(String error) implements Update {}
    }

    /**
     * One page's mailbox: the latest update only. A page that cannot keep up (a stalled connection, a laptop
     * asleep) holds one overview, never a backlog of them; it was going to be sent the latest anyway.
     */
    static final class Subscriber {
        private final BlockingQueue<Update> latest = new ArrayBlockingQueue<>(1);

        /** Called by the one refreshing thread only, so the slot is never contended by two writers. */
        void offer(Update update) {
            latest.clear();
            latest.offer(update);
        }

        /** The latest update, waiting up to {@code wait} for one; null when none came. */
        Update next(Duration wait) throws InterruptedException {
            return latest.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Function<LocalDate, Overview> read;
    private final int limit;
    private final Map<LocalDate, Set<Subscriber>> watching = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    /** @param limit the most subscribers at once: each holds a connection open */
    Subscriptions(Function<LocalDate, Overview> read, Duration refresh, int limit) {
        this.read = read;
        this.limit = limit;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchyard-dashboard-refresh");
            t.setDaemon(true);
            return t;
        });
        long millis = refresh.toMillis();
        ticker.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Subscribes to a date's overviews, from the next refresh on.
     *
     * @return the subscriber, or null when there are already {@code limit}
     */
    synchronized Subscriber subscribe(LocalDate date) {
        if (count() >= limit) {
            return null;
        }
        Subscriber subscriber = new Subscriber();
        watching.computeIfAbsent(date, d -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return subscriber;
    }

    synchronized void unsubscribe(LocalDate date, Subscriber subscriber) {
        Set<Subscriber> subscribers = watching.get(date);
        if (subscribers != null && subscribers.remove(subscriber) && subscribers.isEmpty()) {
            watching.remove(date);
        }
    }

    int count() {
        return watching.values().stream().mapToInt(Set::size).sum();
    }

    /** Reads each watched date's overview once and hands it to the date's subscribers. */
    void refresh() {
        for (LocalDate date : List.copyOf(watching.keySet())) {
            Update update;
            try {
                update = new Update.Fresh(read.apply(date));
            } catch (Exception | Error e) {
                // Anything, so that the refreshing never stops: the store may be back at the next tick, and the
                // page says so meanwhile.
                update = new Update.Failed("cannot read " + date + ": " + e.getMessage());
            }
            Set<Subscriber> subscribers = watching.get(date);
            if (subscribers != null) {
                for (Subscriber subscriber : List.copyOf(subscribers)) {
                    subscriber.offer(update);
                }
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
