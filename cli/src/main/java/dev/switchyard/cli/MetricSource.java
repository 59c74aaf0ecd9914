package dev.switchyard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchyard.contracts.metric.JobRunMetric;
import java.util.List;
import java.util.Objects;

/**
 * Where {@code switchyard anomalies} reads job-run metrics from: a JSON Lines file ({@link MetricsFile}), and any
 * other source of SPEC §6's JobRunMetric records (a Kafka topic) the same way. A record that cannot be read is
 * rejected with where it was and why, and the rest are still read.
 */
interface MetricSource {

    /** What the source is, for messages: the file's path, or the topic. */
    String describe();

    /**
     * Reads every record the source holds now.
     *
     * @throws UserError when the source cannot be read at all (no such file)
     */
    Read read();

    /**
     * What a source held.
     *
     * @param records how many records were read, rejected ones included (blank lines of a file are no records)
     * @param metrics the records that are valid metrics, in the order read
     * @param rejected the others, in the order read
     */
    record Read(long records, List<JobRunMetric> metrics, List<Rejected> rejected) {
        public Read {
            metrics = List.copyOf(metrics);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * A record that is not a valid JobRunMetric.
     *
     * @param where the file and line ({@code metrics.jsonl:12}), or the topic, partition and offset
     * @param line the line of a file, or null
     * @param reason what is wrong, naming the field where one is at fault
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Where", "Line", "Reason"})
    record Rejected(
            @JsonProperty("Where") String where,
            @JsonProperty("Line") Long line,
            @JsonProperty("Reason") String reason) {
        public Rejected {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return where + ": " + reason;
        }
    }
}
