package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs Map iterations or Parallel branches on virtual threads, at most {@code limit} at once (0: no limit), started
 * in index order. The first failure interrupts the others, as AWS stops the other iterations of a failed Map; the
 * results keep the index order.
 */
final class FanOut {
    /** One iteration or branch. */
    @FunctionalInterface
    interface Job {
        JsonNode run(int index) throws StatesError, InterruptedException;
    }

    private FanOut() {}

    static List<JsonNode> run(String name, int count, int limit, Job job) throws StatesError, InterruptedException {
        JsonNode[] results = new JsonNode[count];
        Throwable[] failures = new Throwable[count];
        Thread[] threads = new Thread[count];
        // The coordinator alone starts jobs and reads the queue, so the limit needs no lock: running = started - done.
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        int started = 0;
        int done = 0;
        Throwable first = null;
        try {
            while (done < started || (first == null && started < count)) {
                while (first == null && started < count && (limit <= 0 || started - done < limit)) {
                    int index = started++;
                    threads[index] = Thread.ofVirtual()
                            .name(name + "[" + index + "]")
                            .start(() -> {
                                try {
                                    results[index] = job.run(index);
                                } catch (Throwable t) {
                                    failures[index] = t;
                                } finally {
                                    finished.add(index);
                                }
                            });
                }
                int index = finished.take();
                done++;
                if (failures[index] != null && first == null) {
                    first = failures[index];
                    interrupt(threads, started);
                }
            }
        } catch (InterruptedException e) {
            interrupt(threads, started);
            awaitUninterruptibly(finished, started - done);
            throw e;
        }
        if (first != null) {
            rethrow(first);
        }
        return Arrays.asList(results);
    }

    private static void interrupt(Thread[] threads, int started) {
        for (int i = 0; i < started; i++) {
            threads[i].interrupt();
        }
    }

    /** Cancelled jobs still get to end, so none outlives the state that started it. */
    private static void awaitUninterruptibly(BlockingQueue<Integer> finished, int running) {
        boolean interrupted = true;
        for (int left = running; left > 0; ) {
            try {
                finished.take();
                left--;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable failure) throws StatesError, InterruptedException {
        if (failure instanceof StatesError error) {
            throw error;
        }
        if (failure instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }
}
