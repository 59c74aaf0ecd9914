package dev.switchyard.statemachine;

import java.time.Duration;

/** Waits for Wait states and between retries; tests pass a fake that records the waits instead. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread. */
    Sleeper REAL = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
