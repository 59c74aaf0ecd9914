package dev.switchyard.sinks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.Sink;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes each job-run metric as a CloudWatch embedded metric format (EMF) log line, from which CloudWatch
 * Logs extracts the metrics without a {@code PutMetricData} call: in Lambda, the log is the function's
 * standard output. Format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 *
 * <p>Namespace {@value #NAMESPACE}; one dimension set: {@code JobCategory}, {@code JobName} and, when the
 * metric has one, {@code Environment} (a dimension needs a value, so a metric without a category is
 * dimensioned by the others only). Metrics: {@code DurationSeconds} and {@code ExecutionTimeSeconds} in
 * Seconds when Glue reported them (the specification wants every metric named in the directive present on
 * the line), and {@code Failed} as a Count, 1 unless the run SUCCEEDED. The metric's other fields ride
 * along as properties, searchable with CloudWatch Logs Insights. {@code _aws.Timestamp} is {@code
 * EmittedAt} in milliseconds since the epoch: CloudWatch refuses metric timestamps more than two weeks old,
 * which the run's own times can be when a run is reconciled late. CloudWatch wants dimension values of
 * ASCII characters; a job name with others still logs, but its metrics are not extracted.
 */
public final class EmfMetricSink implements Sink<JobRunMetric> {
    /** The CloudWatch namespace of the metrics. */
    public static final String NAMESPACE = "Switchyard";

    /** An error message is cut to this many characters, keeping the line far below CloudWatch's size limit. */
    static final int MAX_ERROR_MESSAGE = 4_096;

    private final PrintStream out;

    /** @param out where the lines go: {@code System.out} in Lambda */
    public EmfMetricSink(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(JobRunMetric metric) {
        String line = line(metric);
        // PrintStream keeps one println whole among threads, and swallows I/O errors: check for them, so that
        // a metric is never dropped in silence.
        out.println(line);
        if (out.checkError()) {
            throw new UncheckedIOException(
                    new IOException("cannot write the metric " + metric.metricId() + " to the log"));
        }
    }

    /** The EMF document of a metric, on one line. */
    static String line(JobRunMetric metric) {
        ObjectNode fields = (ObjectNode) Contracts.toTree(metric);
        if (metric.errorMessage() != null && metric.errorMessage().length() > MAX_ERROR_MESSAGE) {
            fields.put("ErrorMessage", metric.errorMessage().substring(0, MAX_ERROR_MESSAGE) + "…");
        }
        fields.put("Failed", metric.state() == JobRunState.SUCCEEDED ? 0 : 1);

        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", metric.emittedAt().toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions").addArray();
        for (String dimension : dimensions(metric)) {
            dimensions.add(dimension);
        }
        ArrayNode metrics = directive.putArray("Metrics");
        if (metric.durationSeconds() != null) {
            metrics.addObject().put("Name", "DurationSeconds").put("Unit", "Seconds");
        }
        if (metric.executionTimeSeconds() != null) {
            metrics.addObject().put("Name", "ExecutionTimeSeconds").put("Unit", "Seconds");
        }
        metrics.addObject().put("Name", "Failed").put("Unit", "Count");
        root.setAll(fields);
        return Contracts.toJson(root);
    }

    private static List<String> dimensions(JobRunMetric metric) {
        List<String> names = new ArrayList<>(3);
        if (present(metric.jobCategory())) {
            names.add("JobCategory");
        }
        names.add("JobName");
        if (present(metric.environment())) {
            names.add("Environment");
        }
        return names;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
