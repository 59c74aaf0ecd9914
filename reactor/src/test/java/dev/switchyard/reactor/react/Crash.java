package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process that dies once, right after its n-th effect (a store write or read, a call to Glue or the
 * orchestrator, a value given to a sink): the effect happened, nothing after it did.
 */
final class Crash {
    private final int at;
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean crashed;

    Crash(int at) {
        this.at = at;
    }

    int count() {
        return count.get();
    }

    boolean crashed() {
        return crashed;
    }

    private <T> T after(T result) {
        if (count.incrementAndGet() == at) {
            crashed = true;
            throw new TransientFailureException("crashed after effect " + at + " (injected)", null);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    Object wrap(Object port) {
        return switch (port) {
            case ItemTable table -> new CrashingTable(table);
            case GlueRuns glue ->
                new GlueRuns() {
                    @Override
                    public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
                        return after(glue.jobRun(jobName, jobRunId));
                    }

                    @Override
                    public List<GlueRun> jobRuns(String jobName, int max) {
                        return after(glue.jobRuns(jobName, max));
                    }
                };
            case ExecutionStarter starter ->
                (ExecutionStarter)
                        (category, runDate, environment) -> after(starter.start(category, runDate, environment));
            case Sink<?> sink ->
                (Sink<Object>) value -> {
                    ((Sink<Object>) sink).accept(value);
                    after(null);
                };
            default -> port;
        };
    }

    private final class CrashingTable implements ItemTable {
        private final ItemTable delegate;

        CrashingTable(ItemTable delegate) {
            this.delegate = delegate;
        }

        @Override
        public TableSchema schema() {
            return delegate.schema();
        }

        @Override
        public Optional<Map<String, Attr>> get(Map<String, Attr> key) {
            return after(delegate.get(key));
        }

        @Override
        public Page query(Query query) {
            return after(delegate.query(query));
        }

        @Override
        public Page scan(int limit, Map<String, Attr> startAfter) {
            return after(delegate.scan(limit, startAfter));
        }

        @Override
        public WriteResult put(Map<String, Attr> item, Condition condition) {
            return after(delegate.put(item, condition));
        }

        @Override
        public WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
            return after(delegate.update(key, update, condition));
        }

        @Override
        public WriteResult delete(Map<String, Attr> key, Condition condition) {
            return after(delegate.delete(key, condition));
        }

        @Override
        public <T> T atomically(java.util.function.Supplier<T> work) {
            return delegate.atomically(work);
        }
    }
}
