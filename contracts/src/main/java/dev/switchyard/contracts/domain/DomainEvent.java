package dev.switchyard.contracts.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the reactor tells other systems about category runs and job runs (SPEC §4), published to an EventBridge
 * bus when one is configured: source {@value #SOURCE}, detail type the record's name. Published at least once;
 * {@code (Category, RunDate)} identifies a category run, {@code (JobName, JobRunId, Kind)} a job run's anomaly.
 * Schema: {@code schemas/domain-event.v1.json}.
 */
public sealed interface DomainEvent {
    String SOURCE = "switchyard";

    /** The {@code SchemaVersion} every domain event carries, as JobRunMetric and AuditEntry do. */
    int SCHEMA_VERSION = 1;

    /** The category of the run; never null but in a {@link JobRunAnomaly} of a job whose category is unknown. */
    String category();

    /** The run date; never null but in a {@link JobRunAnomaly} of a run whose date is unknown. */
    LocalDate runDate();

    Instant at();

    /**
     * The version of the event's JSON, written first; a record has no field for it (the reactor builds the
     * records), so reading one back checks the value here and keeps nothing.
     */
    @JsonProperty(value = "SchemaVersion", index = 0)
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @JsonProperty("SchemaVersion")
    private void readSchemaVersion(int version) {
        if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "SchemaVersion " + version + " is not supported; this version reads " + SCHEMA_VERSION);
        }
    }

    /** The EventBridge detail type. */
    default String detailType() {
        return getClass().getSimpleName();
    }

    /** What the event is about, for a message: {@code RAW@2026-11-30}, or a job run's name and id. */
    default String subject() {
        return category() + "@" + runDate();
    }

    /** Every job of the run's manifest succeeded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"SchemaVersion", "Category", "RunDate", "Environment", "At"})
    record CategoryRunSucceeded(
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") LocalDate runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("At") Instant at)
            implements DomainEvent {
        public CategoryRunSucceeded {
            check(category, runDate, at);
        }
    }

    /** Every job has a final result and these did not succeed; a successful re-run unblocks the run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"SchemaVersion", "Category", "RunDate", "Environment", "Blockers", "At"})
    record CategoryRunBlocked(
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") LocalDate runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("Blockers") List<String> blockers,
            @JsonProperty("At") Instant at)
            implements DomainEvent {
        public CategoryRunBlocked {
            check(category, runDate, at);
            blockers = List.copyOf(Objects.requireNonNull(blockers, "Blockers"));
        }
    }

    /** A downstream category run was started because its upstream runs succeeded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"SchemaVersion", "Category", "RunDate", "Environment", "Causes", "At"})
    record CategoryTriggered(
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") LocalDate runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("Causes") List<String> causes,
            @JsonProperty("At") Instant at)
            implements DomainEvent {
        public CategoryTriggered {
            check(category, runDate, at);
            causes = List.copyOf(Objects.requireNonNull(causes, "Causes"));
        }
    }

    /**
     * A job run whose duration is far outside the job's recent successful runs: much slower or much faster
     * than usual, or still running long after it usually ends. Derived from JobRunMetric values (SPEC §4's
     * anomaly detection); consumers de-duplicate by {@code MetricId}, or by {@code (JobName, JobRunId)} for a
     * STUCK run, which has no metric yet.
     *
     * @param category the job's category, or null when the metric named none
     * @param runDate the business date of the run, or null when unknown
     * @param environment the job's environment, or null
     * @param metricId the judged run's metric; null for a STUCK run
     * @param durationSeconds the run's duration; for a STUCK run, how long it has been running at {@code at}
     * @param baselineMedianSeconds the median duration of the successful runs the run was judged against
     * @param baselineMadSeconds their median absolute deviation from that median, in seconds
     * @param baselineRuns how many runs the baseline holds
     * @param score the robust z-score the detector judged by: positive when slower than usual, negative when
     *     faster; see {@code dev.switchyard.reactor.anomaly} for the scale it is computed on
     * @param at when the detector decided
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "SchemaVersion",
        "JobName",
        "Category",
        "RunDate",
        "Environment",
        "JobRunId",
        "MetricId",
        "Kind",
        "DurationSeconds",
        "BaselineMedianSeconds",
        "BaselineMadSeconds",
        "BaselineRuns",
        "Score",
        "At"
    })
    record JobRunAnomaly(
            @JsonProperty("JobName") String jobName,
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") LocalDate runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("JobRunId") String jobRunId,
            @JsonProperty("MetricId") String metricId,
            @JsonProperty("Kind") Kind kind,
            @JsonProperty("DurationSeconds") long durationSeconds,
            @JsonProperty("BaselineMedianSeconds") double baselineMedianSeconds,
            @JsonProperty("BaselineMadSeconds") double baselineMadSeconds,
            @JsonProperty("BaselineRuns") int baselineRuns,
            @JsonProperty("Score") double score,
            @JsonProperty("At") Instant at)
            implements DomainEvent {

        /** How the run is unusual. */
        public enum Kind {
            /** It finished, far slower than usual. */
            SLOW,
            /**
             * It succeeded far faster than usual: a job that ends in seconds instead of forty minutes has often
             * read no data, which no failure reports.
             */
            FAST,
            /** It is still running, far longer than its runs usually take. */
            STUCK
        }

        public JobRunAnomaly {
            Objects.requireNonNull(jobName, "JobName");
            Objects.requireNonNull(jobRunId, "JobRunId");
            Objects.requireNonNull(kind, "Kind");
            Objects.requireNonNull(at, "At");
            if (kind == Kind.STUCK ? metricId != null : metricId == null) {
                throw new IllegalArgumentException(
                        kind == Kind.STUCK
                                ? "MetricId must be absent for a STUCK run: a running run has no metric yet"
                                : "MetricId is missing: a " + kind + " run is judged from its metric");
            }
            if (durationSeconds < 0) {
                throw new IllegalArgumentException("DurationSeconds " + durationSeconds + " is negative");
            }
            requireSeconds(baselineMedianSeconds, "BaselineMedianSeconds");
            requireSeconds(baselineMadSeconds, "BaselineMadSeconds");
            if (baselineRuns < 1) {
                throw new IllegalArgumentException("BaselineRuns " + baselineRuns + " is not a count of runs");
            }
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("Score " + score + " is not a number");
            }
        }

        @Override
        public String subject() {
            return jobName + " run " + jobRunId;
        }

        private static void requireSeconds(double seconds, String field) {
            if (!Double.isFinite(seconds) || seconds < 0) {
                throw new IllegalArgumentException(field + " " + seconds + " is not a number of seconds");
            }
        }
    }

    private static void check(String category, LocalDate runDate, Instant at) {
        Objects.requireNonNull(category, "Category");
        Objects.requireNonNull(runDate, "RunDate");
        Objects.requireNonNull(at, "At");
    }
}
