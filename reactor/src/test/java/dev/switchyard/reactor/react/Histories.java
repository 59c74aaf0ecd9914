package dev.switchyard.reactor.react;

import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but causally possible days of Glue runs over a fixed category graph: RAW and REF feed STG (fan-in),
 * STG feeds MART. Each job's runs follow one of a few stories (succeeds; fails and is re-run; times out and
 * stays failed); a category's jobs start only after its upstream runs could have succeeded, as they would
 * under the orchestrator. What varies between tests is how the events are delivered.
 */
public final class Histories {
    public static final LocalDate D = LocalDate.of(2026, 11, 30);
    public static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

    /** What happens to one job on the day. */
    public enum Story {
        SUCCEEDS,
        FAILS_THEN_SUCCEEDS,
        TIMES_OUT,
        STOPPED_THEN_SUCCEEDS
    }

    /** The jobs of each category, in the order they are listed. */
    public static final Map<String, List<String>> JOBS = jobs();

    public static final List<CategoryDefinition> CATEGORIES = List.of(
            CategoryDefinition.of("RAW", List.of(), 10),
            CategoryDefinition.of("REF", List.of(), 10),
            CategoryDefinition.of("STG", List.of("RAW", "REF"), 10),
            CategoryDefinition.of("MART", List.of("STG"), 10));

    private Histories() {}

    private static Map<String, List<String>> jobs() {
        Map<String, List<String>> jobs = new LinkedHashMap<>();
        jobs.put("RAW", List.of("raw_orders", "raw_customers", "raw_items"));
        jobs.put("REF", List.of("ref_calendar"));
        jobs.put("STG", List.of("stg_orders", "stg_customers"));
        jobs.put("MART", List.of("mart_sales"));
        return jobs;
    }

    /** The control table: every job runs every day; one job of another environment and one skipped job. */
    public static List<ControlTableItem> table() {
        List<ControlTableItem> items = new ArrayList<>();
        JOBS.forEach((category, names) ->
                names.forEach(name -> items.add(ControlTableItem.of(name, category, "ALL_DAYS", "NO"))));
        items.add(ControlTableItem.of("raw_paused", "RAW", "ALL_DAYS", "YES"));
        return items;
    }

    /** Every job's name in listing order. */
    public static List<String> allJobs() {
        return JOBS.values().stream().flatMap(List::stream).toList();
    }

    /** A day: the Glue runs as Glue would report them, and the events they gave, in the order they happened. */
    public record Day(List<GlueRun> runs, List<GlueJobEvent> events) {}

    /** The day where each job follows its story (one story per job of {@link #allJobs()}, in order). */
    public static Day day(List<Story> stories, long seed) {
        Random random = new Random(seed);
        List<GlueRun> runs = new ArrayList<>();
        List<GlueJobEvent> events = new ArrayList<>();
        List<String> names = allJobs();
        Map<String, Integer> phase = Map.of("RAW", 0, "REF", 0, "STG", 1, "MART", 2);
        int[] serial = {0};
        java.util.Set<String> succeeded = new java.util.HashSet<>();
        JOBS.forEach((category, jobs) -> {
            boolean triggered = CATEGORIES.stream()
                    .filter(c -> c.category().equals(category))
                    .allMatch(c -> succeeded.containsAll(c.dependsOn()));
            if (!triggered) {
                return; // its jobs never run: the orchestrator never starts them
            }
            if (jobs.stream().allMatch(job -> stories.get(names.indexOf(job)) != Story.TIMES_OUT)) {
                succeeded.add(category);
            }
            for (String job : jobs) {
                Story story = stories.get(names.indexOf(job));
                Instant start =
                        T0.plus(Duration.ofHours(3L * phase.get(category))).plusSeconds(random.nextInt(3_600));
                List<JobRunState> ends = switch (story) {
                    case SUCCEEDS -> List.of(JobRunState.SUCCEEDED);
                    case FAILS_THEN_SUCCEEDS -> List.of(JobRunState.FAILED, JobRunState.SUCCEEDED);
                    case TIMES_OUT -> List.of(JobRunState.TIMEOUT);
                    case STOPPED_THEN_SUCCEEDS -> List.of(JobRunState.STOPPED, JobRunState.SUCCEEDED);
                };
                for (JobRunState end : ends) {
                    String runId = "jr_%s_%02d".formatted(job, serial[0]++);
                    Instant running = start.plusSeconds(1 + random.nextInt(30));
                    Instant done = running.plusSeconds(random.nextInt(1_200));
                    runs.add(new GlueRun(
                            job,
                            runId,
                            end,
                            start,
                            done,
                            Duration.between(start, done).toSeconds(),
                            0,
                            2.0,
                            "G.1X",
                            2,
                            end == JobRunState.SUCCEEDED ? null : "run ended " + end,
                            Map.of(GlueArguments.CATEGORY, category, GlueArguments.RUN_DATE, D.toString())));
                    if (random.nextBoolean()) {
                        events.add(event(
                                runId + "-starting",
                                GlueJobEvent.Kind.RUN_STATUS,
                                job,
                                runId,
                                JobRunState.STARTING,
                                start,
                                start));
                    }
                    events.add(event(
                            runId + "-running",
                            GlueJobEvent.Kind.RUN_STATUS,
                            job,
                            runId,
                            JobRunState.RUNNING,
                            running,
                            start));
                    events.add(event(runId + "-end", GlueJobEvent.Kind.STATE_CHANGE, job, runId, end, done, null));
                    if (end == JobRunState.STOPPED) {
                        events.add(event(
                                runId + "-stopping",
                                GlueJobEvent.Kind.RUN_STATUS,
                                job,
                                runId,
                                JobRunState.STOPPING,
                                done,
                                start));
                    }
                    if (random.nextInt(5) == 0) {
                        // a notify-delay status stamped after the run ended: it must not undo the final state
                        events.add(event(
                                runId + "-late",
                                GlueJobEvent.Kind.RUN_STATUS,
                                job,
                                runId,
                                JobRunState.RUNNING,
                                done.plusSeconds(random.nextInt(3)),
                                start));
                    }
                    start = done.plusSeconds(60 + random.nextInt(600));
                }
            }
        });
        events.sort(Comparator.comparing(GlueJobEvent::time).thenComparing(GlueJobEvent::eventId));
        return new Day(runs, events);
    }

    /** The events shuffled, with some delivered twice or three times. */
    public static List<GlueJobEvent> redelivered(List<GlueJobEvent> events, long seed) {
        Random random = new Random(seed);
        List<GlueJobEvent> delivered = new ArrayList<>(events);
        for (GlueJobEvent event : events) {
            int copies = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
            for (int i = 0; i < copies; i++) {
                delivered.add(event);
            }
        }
        java.util.Collections.shuffle(delivered, random);
        return delivered;
    }

    static GlueJobEvent event(
            String id,
            GlueJobEvent.Kind kind,
            String job,
            String runId,
            JobRunState state,
            Instant time,
            Instant startedOn) {
        // EventBridge stamps events to the second.
        return new GlueJobEvent(
                id,
                kind,
                job,
                runId,
                state,
                time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                startedOn,
                "Job run " + state);
    }
}
