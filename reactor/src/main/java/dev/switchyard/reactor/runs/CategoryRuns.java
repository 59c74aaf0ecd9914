package dev.switchyard.reactor.runs;

import dev.switchyard.contracts.Digests;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.Expressions;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import dev.switchyard.reactor.table.StateTable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Category runs and their manifests (SPEC §3). A run {@code (C, D)} is a header item ({@code PK =
 * CRUN#<C>}, {@code SK = <D>}) and its manifest, split over chunk items of about {@value #CHUNK} jobs
 * ({@code PK = CRUN#<C>#<D>}), each mapping its jobs to their latest result, because a single item holds
 * at most 400 KB and categories hold thousands of jobs. Recording a job's result is one conditional
 * update of its chunk and one of the header, each idempotent, so a redelivered or reordered event, or a
 * crash between the two, ends in the same state:
 *
 * <ul>
 *   <li>a job's entry never leaves SUCCEEDED, and a final state of a run is not replaced by a non-final
 *       state of the same run;
 *   <li>the header keeps the sets of chunks that have all succeeded and of chunks that are complete with
 *       a failure, written only from a newer chunk revision than it has seen, so a late summary cannot
 *       overwrite a newer one.
 * </ul>
 */
public final class CategoryRuns {
    /**
     * Jobs per manifest chunk. Each result rewrites its whole chunk, and DynamoDB bills a write by the item's
     * size (1 KB per write unit), so chunks are small: 50 results of about 120 bytes are about 6 KB, while
     * the header grows by about 15 bytes per chunk (its revision map). Measured with {@code RequestCount}:
     * 500-job chunks cost about 35 write units per final event on a 2,000-job day, 50-job chunks a fraction.
     */
    static final int CHUNK = 50;

    static final String PREFIX = "CRUN#";
    /** A manifest entry's state until its job has a final result. */
    public static final String PENDING = "PENDING";

    private final ItemTable table;
    private final java.time.Duration retention;

    /** Open runs' headers by category and date, least recently used dropped beyond {@value #IDENTITIES}. */
    private final Map<String, CategoryRun> identities = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CategoryRun> eldest) {
            return size() > IDENTITIES;
        }
    };

    private static final int IDENTITIES = 1_000;

    /**
     * @param retention how long a run's records are kept after it opens (DynamoDB's time to live removes
     *     them; the embedded store keeps them)
     */
    public CategoryRuns(ItemTable table, java.time.Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    /** Where a category run stands. */
    public enum Status {
        /** Some manifest jobs have no final result yet. */
        OPEN,
        /** Every manifest job succeeded (at once, for an empty manifest). */
        SUCCEEDED,
        /** Every manifest job has a final result and at least one did not succeed; a successful re-run unblocks it. */
        BLOCKED
    }

    /** A category run's header; {@code openedBy} names the execution that opened it, when it was named. */
    public record CategoryRun(
            String category,
            LocalDate runDate,
            String environment,
            int manifestSize,
            int chunks,
            String manifestId,
            Status status,
            Instant openedAt,
            Instant succeededAt,
            String openedBy) {}

    /** The outcome of {@link #open}: the run, and whether this call created it. */
    public record Opened(CategoryRun run, boolean created) {}

    /** A job's latest result in a run's manifest. */
    public record Entry(String jobName, String state, String jobRunId) {
        /** Whether the job has a final result ({@code PENDING} until it has). */
        public boolean isFinal() {
            return CategoryRuns.isFinal(state);
        }
    }

    /**
     * Opens the run {@code (category, runDate)} with the jobs planned SCHEDULED, unless it is open already:
     * the first opening's manifest stands. The chunks are written first under an id of the manifest, the
     * header last and only if absent, so a crashed or concurrent opening leaves at worst unused chunks.
     */
    public Opened open(String category, LocalDate runDate, String environment, List<String> manifest, Instant now) {
        return open(category, runDate, environment, manifest, now, null);
    }

    /**
     * The same, noting who opened the run (an execution's name), so that the opener's retry can tell its own
     * opening from another's.
     *
     * @param openedBy null when the opener has no name
     */
    public Opened open(
            String category,
            LocalDate runDate,
            String environment,
            List<String> manifest,
            Instant now,
            String openedBy) {
        Optional<CategoryRun> existing = get(category, runDate);
        if (existing.isPresent()) {
            return new Opened(existing.get(), false);
        }
        List<String> jobs = new ArrayList<>(new TreeSet<>(manifest));
        int chunks = (jobs.size() + CHUNK - 1) / CHUNK;
        String manifestId = manifestId(jobs);
        List<Map<String, Attr>> entries = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            entries.add(new LinkedHashMap<>());
        }
        for (String job : jobs) {
            entries.get(chunkOf(job, chunks)).put(job, new Attr.M(Map.of("State", new Attr.S(PENDING))));
        }
        List<String> empty = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            if (entries.get(i).isEmpty()) {
                // no result will ever summarize a chunk without jobs: it counts as succeeded from the start
                empty.add(Integer.toString(i));
                continue;
            }
            Map<String, Attr> chunk = new LinkedHashMap<>(chunkKey(category, runDate, manifestId, i));
            chunk.put("Jobs", new Attr.M(entries.get(i)));
            chunk.put("Rev", Attr.n(0));
            chunk.put(StateTable.EXPIRES_AT, expiry(now));
            table.put(chunk, Condition.notExists(StateTable.PK)); // already there from an earlier attempt: fine
        }
        Map<String, Attr> header = new LinkedHashMap<>(headerKey(category, runDate));
        header.put("Category", new Attr.S(category));
        header.put("RunDate", new Attr.S(runDate.toString()));
        if (environment != null) {
            header.put("Environment", new Attr.S(environment));
        }
        header.put("ManifestSize", Attr.n(jobs.size()));
        header.put("Chunks", Attr.n(chunks));
        header.put("ManifestId", new Attr.S(manifestId));
        header.put("Revs", new Attr.M(Map.of()));
        if (!empty.isEmpty()) {
            header.put("SucceededChunks", new Attr.SS(empty));
        }
        header.put("OpenedAt", new Attr.S(Timestamps.format(now)));
        if (openedBy != null) {
            header.put("OpenedBy", new Attr.S(openedBy));
        }
        header.put(StateTable.EXPIRES_AT, expiry(now));
        if (chunks == 0) {
            header.put("SucceededAt", new Attr.S(Timestamps.format(now)));
        }
        if (table.put(header, Condition.notExists(StateTable.PK)).applied()) {
            return new Opened(read(header), true);
        }
        return new Opened(get(category, runDate).orElseThrow(), false);
    }

    /**
     * A run's header for its identity (chunks, manifest id), which never changes once the run is open: kept
     * per instance so that recording a result costs no header read after the first. Its status may be old.
     */
    private CategoryRun opened(String category, LocalDate runDate) {
        String key = category + "\u0000" + runDate;
        synchronized (identities) {
            CategoryRun known = identities.get(key);
            if (known != null) {
                return known;
            }
        }
        CategoryRun run = get(category, runDate).orElse(null);
        if (run != null) {
            synchronized (identities) {
                identities.put(key, run);
            }
        }
        return run;
    }

    public Optional<CategoryRun> get(String category, LocalDate runDate) {
        return table.get(headerKey(category, runDate)).map(CategoryRuns::read);
    }

    /** A category's latest runs, newest run date first. */
    public List<CategoryRun> recent(String category, int limit) {
        Page page = table.query(Query.table(PREFIX + category, limit).descending());
        return page.items().stream().map(CategoryRuns::read).toList();
    }

    /** What recording a result found. */
    public sealed interface Recorded {
        /** The run's header after the result. */
        record Progress(CategoryRun run) implements Recorded {}

        /** There is no such run. */
        record NoSuchRun() implements Recorded {}

        /** The job is not in the run's manifest. */
        record NotInManifest(CategoryRun run) implements Recorded {}
    }

    /**
     * Records a job's result in a run's manifest and brings the run's status up to date. Safe to repeat and
     * to apply out of order.
     */
    public Recorded record(
            String category, LocalDate runDate, String jobName, String jobRunId, JobRunState state, Instant now) {
        CategoryRun run = opened(category, runDate);
        if (run == null) {
            return new Recorded.NoSuchRun();
        }
        if (run.chunks() == 0) {
            return new Recorded.NotInManifest(run);
        }
        int chunk = chunkOf(jobName, run.chunks());
        Map<String, Attr> key = chunkKey(category, runDate, run.manifestId(), chunk);
        Path entry = Path.of("Jobs", jobName);
        Path entryState = Path.of("Jobs", jobName, "State");
        Path entryRun = Path.of("Jobs", jobName, "RunId");
        List<Condition> guard = new ArrayList<>();
        guard.add(new Condition.Exists(entry));
        guard.add(Condition.compare(entryState, Condition.Op.NE, new Attr.S(JobRunState.SUCCEEDED.name())));
        if (!state.isTerminal()) {
            guard.add(Condition.not(Condition.and(
                    Condition.compare(entryRun, Condition.Op.EQ, new Attr.S(jobRunId)), finalState(entryState))));
        }
        Map<String, Attr> value = new LinkedHashMap<>();
        value.put("State", new Attr.S(state.name()));
        value.put("RunId", new Attr.S(jobRunId));
        value.put("At", new Attr.S(Timestamps.format(now)));
        WriteResult written = table.update(
                key,
                Update.builder()
                        .set(entry, new Attr.M(value))
                        .add("Rev", Attr.n(1))
                        .build(),
                new Condition.And(guard));
        Map<String, Attr> chunkItem = written instanceof WriteResult.Applied applied
                ? applied.item()
                : table.get(key).orElse(Map.of());
        if (Expressions.resolve(chunkItem, entry) == null) {
            return new Recorded.NotInManifest(run);
        }
        return new Recorded.Progress(summarize(run, chunk, chunkItem, now));
    }

    /** Writes a chunk's summary into the header unless a newer one is there, then marks success once. */
    private CategoryRun summarize(CategoryRun run, int chunk, Map<String, Attr> chunkItem, Instant now) {
        String id = Integer.toString(chunk);
        Attr ids = new Attr.SS(List.of(id));
        long rev = Long.parseLong(((Attr.N) chunkItem.get("Rev")).value());
        Update.Builder update = Update.builder().set(Path.of("Revs", id), Attr.n(rev));
        switch (chunkStatus(chunkItem)) {
            case SUCCEEDED -> update.add("SucceededChunks", ids).delete("BlockedChunks", ids);
            case BLOCKED -> update.add("BlockedChunks", ids).delete("SucceededChunks", ids);
            case OPEN -> update.delete("SucceededChunks", ids).delete("BlockedChunks", ids);
        }
        Path seen = Path.of("Revs", id);
        WriteResult written = table.update(
                headerKey(run.category(), run.runDate()),
                update.build(),
                Condition.or(new Condition.NotExists(seen), Condition.compare(seen, Condition.Op.LT, Attr.n(rev))));
        Map<String, Attr> header = written instanceof WriteResult.Applied applied
                ? applied.item()
                : table.get(headerKey(run.category(), run.runDate())).orElseThrow();
        CategoryRun after = read(header);
        if (after.status() == Status.SUCCEEDED && after.succeededAt() == null) {
            WriteResult marked = table.update(
                    headerKey(run.category(), run.runDate()),
                    Update.builder()
                            .setIfNotExists("SucceededAt", new Attr.S(Timestamps.format(now)))
                            .build(),
                    Condition.ALWAYS);
            return read(((WriteResult.Applied) marked).item());
        }
        return after;
    }

    /** The manifest jobs whose latest result is final and not SUCCEEDED: what blocks a run. */
    public List<Entry> blockers(String category, LocalDate runDate) {
        Map<String, Attr> header = table.get(headerKey(category, runDate)).orElse(null);
        CategoryRun run = header == null ? null : read(header);
        if (run == null || run.status() == Status.SUCCEEDED) {
            return List.of();
        }
        // A blocked run's failures are all in the chunks its header lists as blocked; an open run's may be anywhere.
        List<Integer> chunks = new ArrayList<>();
        if (run.status() == Status.BLOCKED && header.get("BlockedChunks") instanceof Attr.SS blocked) {
            blocked.values().forEach(id -> chunks.add(Integer.valueOf(id)));
        } else {
            for (int i = 0; i < run.chunks(); i++) {
                chunks.add(i);
            }
        }
        List<Entry> blocking = new ArrayList<>();
        for (int i : chunks) {
            entries(table.get(chunkKey(category, runDate, run.manifestId(), i)).orElse(Map.of())).stream()
                    .filter(e -> isFinal(e.state()) && !e.state().equals(JobRunState.SUCCEEDED.name()))
                    .forEach(blocking::add);
        }
        blocking.sort(java.util.Comparator.comparing(Entry::jobName));
        return blocking;
    }

    /** Every manifest entry of a run, by job name. */
    public List<Entry> manifest(String category, LocalDate runDate) {
        return get(category, runDate).map(this::manifest).orElse(List.of());
    }

    /** Every manifest entry of a run whose header is at hand, by job name. */
    public List<Entry> manifest(CategoryRun run) {
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < run.chunks(); i++) {
            all.addAll(entries(table.get(chunkKey(run.category(), run.runDate(), run.manifestId(), i))
                    .orElse(Map.of())));
        }
        all.sort(java.util.Comparator.comparing(Entry::jobName));
        return all;
    }

    /**
     * Where a Glue run without Switchyard's arguments is attributed (SPEC §3): the latest run of the category
     * that holds the job in its manifest and has not succeeded; failing that, the latest that holds it (a
     * late event of a run whose category run succeeded since, which can then change nothing there).
     */
    public Optional<CategoryRun> latestHolding(String category, String jobName, int lookBack) {
        CategoryRun succeeded = null;
        for (CategoryRun run : recent(category, lookBack)) {
            if (run.chunks() == 0 || (succeeded != null && run.status() == Status.SUCCEEDED)) {
                continue;
            }
            Map<String, Attr> chunk = table.get(
                            chunkKey(category, run.runDate(), run.manifestId(), chunkOf(jobName, run.chunks())))
                    .orElse(Map.of());
            if (Expressions.resolve(chunk, Path.of("Jobs", jobName)) == null) {
                continue;
            }
            if (run.status() != Status.SUCCEEDED) {
                return Optional.of(run);
            }
            succeeded = run;
        }
        return Optional.ofNullable(succeeded);
    }

    private static List<Entry> entries(Map<String, Attr> chunk) {
        List<Entry> entries = new ArrayList<>();
        if (chunk.get("Jobs") instanceof Attr.M jobs) {
            jobs.values().forEach((job, value) -> {
                Map<String, Attr> e = ((Attr.M) value).values();
                entries.add(new Entry(
                        job, ((Attr.S) e.get("State")).value(), e.get("RunId") instanceof Attr.S s ? s.value() : null));
            });
        }
        return entries;
    }

    private static Status chunkStatus(Map<String, Attr> chunk) {
        boolean allSucceeded = true;
        boolean allFinal = true;
        for (Entry e : entries(chunk)) {
            allSucceeded &= e.state().equals(JobRunState.SUCCEEDED.name());
            allFinal &= isFinal(e.state());
        }
        return allSucceeded ? Status.SUCCEEDED : allFinal ? Status.BLOCKED : Status.OPEN;
    }

    private static boolean isFinal(String state) {
        return !state.equals(PENDING) && JobRunState.valueOf(state).isTerminal();
    }

    private static Condition finalState(Path state) {
        List<Condition> any = new ArrayList<>();
        for (JobRunState s : JobRunState.values()) {
            if (s.isTerminal()) {
                any.add(Condition.compare(state, Condition.Op.EQ, new Attr.S(s.name())));
            }
        }
        return new Condition.Or(any);
    }

    private static CategoryRun read(Map<String, Attr> header) {
        int chunks = Integer.parseInt(((Attr.N) header.get("Chunks")).value());
        int succeeded =
                header.get("SucceededChunks") instanceof Attr.SS s ? s.values().size() : 0;
        int blocked =
                header.get("BlockedChunks") instanceof Attr.SS s ? s.values().size() : 0;
        Status status =
                succeeded == chunks ? Status.SUCCEEDED : succeeded + blocked == chunks ? Status.BLOCKED : Status.OPEN;
        return new CategoryRun(
                ((Attr.S) header.get("Category")).value(),
                LocalDate.parse(((Attr.S) header.get("RunDate")).value()),
                header.get("Environment") instanceof Attr.S s ? s.value() : null,
                Integer.parseInt(((Attr.N) header.get("ManifestSize")).value()),
                chunks,
                ((Attr.S) header.get("ManifestId")).value(),
                status,
                Timestamps.parse(((Attr.S) header.get("OpenedAt")).value()).orElseThrow(),
                header.get("SucceededAt") instanceof Attr.S s
                        ? Timestamps.parse(s.value()).orElseThrow()
                        : null,
                header.get("OpenedBy") instanceof Attr.S s ? s.value() : null);
    }

    /** A job's chunk: stable for a given chunk count (String.hashCode is specified by the language). */
    static int chunkOf(String jobName, int chunks) {
        // String.hashCode spreads names that differ in their last characters (job_0001, job_0002, …) over
        // few residues; a SHA-256 prefix spreads any names evenly, and is the same on every JVM.
        return Math.floorMod(ByteBuffer.wrap(Digests.sha256(jobName)).getInt(), chunks);
    }

    private static String manifestId(List<String> sortedJobs) {
        StringBuilder all = new StringBuilder();
        sortedJobs.forEach(job -> all.append(job).append('\0'));
        return Digests.hex(6, all.toString());
    }

    private Attr expiry(Instant now) {
        return Attr.n(now.plus(retention).getEpochSecond());
    }

    private static Map<String, Attr> headerKey(String category, LocalDate runDate) {
        Map<String, Attr> key = new LinkedHashMap<>();
        key.put(StateTable.PK, new Attr.S(PREFIX + category));
        key.put(StateTable.SK, new Attr.S(runDate.toString()));
        return key;
    }

    private static Map<String, Attr> chunkKey(String category, LocalDate runDate, String manifestId, int chunk) {
        Map<String, Attr> key = new LinkedHashMap<>();
        key.put(StateTable.PK, new Attr.S(PREFIX + category + "#" + runDate));
        key.put(StateTable.SK, new Attr.S("CHUNK#" + manifestId + "#" + "%05d".formatted(chunk)));
        return key;
    }
}
