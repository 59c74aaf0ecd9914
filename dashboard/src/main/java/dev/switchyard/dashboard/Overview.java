package dev.switchyard.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the dashboard shows for one business date: the JSON of {@code GET /api/overview} and of each {@code
 * overview} server-sent event (README, "The dashboard's JSON API"). Absent values are {@code null}, written out.
 *
 * @param table the store shown, as {@code --table} names it
 * @param date the business date shown
 * @param today today in the dashboard's zone
 * @param generatedAt when the stores were read
 * @param chain every category with its level: the longest path from a category that depends on none
 * @param categories in chain order, then by name
 * @param anomalies every job's latest anomaly, SLOW and FAST for its last run and STUCK for a run still going
 * @param blocked the blocked category runs of the date and their blockers
 */
public record Overview(
        String table,
        LocalDate date,
        LocalDate today,
        String zone,
        Instant generatedAt,
        Actions actions,
        List<ChainLink> chain,
        List<CategoryView> categories,
        List<AnomalyView> anomalies,
        List<Blocked> blocked) {

    public Overview {
        chain = List.copyOf(chain);
        categories = List.copyOf(categories);
        anomalies = List.copyOf(anomalies);
        blocked = List.copyOf(blocked);
    }

    /** Whether the page offers operator actions. */
    public record Actions(boolean enabled) {}

    /** A category in the chain. */
    public record ChainLink(String category, List<String> dependsOn, int level) {}

    /**
     * A category on the date.
     *
     * @param run its category run on the date, or null before one opens
     * @param waitingOn its upstream categories whose run on the date has not succeeded
     */
    public record CategoryView(
            String category,
            List<String> dependsOn,
            List<String> downstream,
            int maxConcurrency,
            RunView run,
            List<String> waitingOn,
            List<JobView> jobs) {}

    /** A category run's progress: its manifest's jobs by their latest result. */
    public record RunView(
            String status,
            Instant openedAt,
            int jobs,
            int succeeded,
            int pending,
            int failed,
            List<Blocker> blockers) {}

    /** A manifest job whose final result is not SUCCEEDED. */
    public record Blocker(String jobName, String state, String jobRunId) {}

    /**
     * A job: its plan for the date, its status columns, and its recent runs.
     *
     * @param runs whether the plan runs it on the date
     * @param why the plan's reason in words, or what is wrong with the row
     * @param lastDurationSeconds its last run's duration, to a tenth of a second
     * @param usualDurationSeconds the median of its recent successful runs before the last
     * @param recent its recent runs, oldest first
     * @param anomaly its latest anomaly, or null
     */
    public record JobView(
            String jobName,
            String environment,
            boolean runs,
            String reason,
            String reasonWords,
            String why,
            String runCondition,
            String skipFlag,
            String statusFlag,
            String lastRunTimestamp,
            String lastRunId,
            Double lastDurationSeconds,
            Double usualDurationSeconds,
            List<RecentRun> recent,
            AnomalyView anomaly) {}

    /**
     * One run of a job; {@code seconds} (to a tenth) is null for a run still going. Without its run id: a page of
     * thousands of jobs would carry a megabyte of them, and the last run's is the job's {@code lastRunId}.
     */
    public record RecentRun(String state, Instant startedOn, Double seconds) {}

    /** An anomaly, with its numbers in words. */
    public record AnomalyView(
            String jobName,
            String category,
            String kind,
            String jobRunId,
            long seconds,
            long usualSeconds,
            String text) {}

    /** A blocked category run. */
    public record Blocked(String category, LocalDate date, List<Blocker> blockers) {}

    /** Whether the two show the same thing, whenever they were read. */
    public boolean sameAs(Overview other) {
        return other != null && withGeneratedAt(null).equals(other.withGeneratedAt(null));
    }

    /**
     * This overview with only the categories that differ from {@code before}'s, for a page that has {@code before}
     * to merge; null when it cannot (another date, or categories added, removed or reordered).
     */
    public Overview changesSince(Overview before) {
        if (before == null
                || !before.date().equals(date)
                || !names(before.categories()).equals(names(categories))) {
            return null;
        }
        List<CategoryView> changed = new java.util.ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            if (!categories.get(i).equals(before.categories().get(i))) {
                changed.add(categories.get(i));
            }
        }
        return new Overview(table, date, today, zone, generatedAt, actions, chain, changed, anomalies, blocked);
    }

    private static List<String> names(List<CategoryView> categories) {
        return categories.stream().map(CategoryView::category).toList();
    }

    Overview withGeneratedAt(Instant at) {
        return new Overview(table, date, today, zone, at, actions, chain, categories, anomalies, blocked);
    }
}
