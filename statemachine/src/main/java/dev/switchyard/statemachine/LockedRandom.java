package dev.switchyard.statemachine;

import java.util.random.RandomGenerator;

/** Makes an injected generator safe for the threads of concurrent Map iterations and executions. */
final class LockedRandom implements RandomGenerator {
    private final RandomGenerator delegate;

    LockedRandom(RandomGenerator delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized long nextLong() {
        return delegate.nextLong();
    }

    @Override
    public synchronized double nextDouble() {
        return delegate.nextDouble();
    }

    @Override
    public synchronized long nextLong(long origin, long bound) {
        return delegate.nextLong(origin, bound);
    }
}
