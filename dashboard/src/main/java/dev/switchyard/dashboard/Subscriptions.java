package dev.switchyard.dashboard;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The live part of the dashboard: every {@code refresh}, the overview of each date someone watches is read once,
 * and sent to that date's subscribers when it differs from the one they last got. The stores are read only while
 * someone watches, and once per date however many pages are open.
 */
final class Subscriptions implements AutoCloseable {
    /** What a subscriber receives: an overview, or why none could be read this time. */
    sealed interface Update {
        record Fresh(Overview overview) implements Update {}

        record Failed(String error) implements Update {}
    }

    private final Function<LocalDate, Overview> read;
    private final int limit;
    private final Map<LocalDate, Set<Consumer<Update>>> watching = new ConcurrentHashMap<>();
    private final Map<LocalDate, Overview> last = new ConcurrentHashMap<>();
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
     * Subscribes to a date's overviews; the subscriber gets {@code first} at once, then each change.
     *
     * @return false when there are already {@code limit} subscribers
     */
    synchronized boolean subscribe(LocalDate date, Overview first, Consumer<Update> subscriber) {
        if (count() >= limit) {
            return false;
        }
        last.putIfAbsent(date, first);
        watching.computeIfAbsent(date, d -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return true;
    }

    synchronized void unsubscribe(LocalDate date, Consumer<Update> subscriber) {
        Set<Consumer<Update>> subscribers = watching.get(date);
        if (subscribers != null && subscribers.remove(subscriber) && subscribers.isEmpty()) {
            watching.remove(date);
            last.remove(date);
        }
    }

    int count() {
        return watching.values().stream().mapToInt(Set::size).sum();
    }

    /** Reads each watched date's overview and sends it where it changed. */
    void refresh() {
        for (LocalDate date : List.copyOf(watching.keySet())) {
            Update update;
            try {
                Overview now = read.apply(date);
                Overview before = last.put(date, now);
                if (now.sameAs(before)) {
                    continue;
                }
                update = new Update.Fresh(now);
            } catch (RuntimeException e) {
                // The store may be back at the next tick; the page says so meanwhile.
                last.remove(date);
                update = new Update.Failed("cannot read " + date + ": " + e.getMessage());
            }
            Set<Consumer<Update>> subscribers = watching.get(date);
            if (subscribers != null) {
                for (Consumer<Update> subscriber : List.copyOf(subscribers)) {
                    subscriber.accept(update);
                }
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
