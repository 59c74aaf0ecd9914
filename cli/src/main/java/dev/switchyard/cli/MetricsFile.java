package dev.switchyard.cli;

import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.metric.JobRunMetric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON Lines file of JobRunMetric records, as {@code run}, {@code replay} and the Lambda handlers write with
 * {@code --metrics-file}: one metric a line; blank lines are skipped; a line that is not a valid metric is
 * rejected with its line number and the reason.
 */
final class MetricsFile implements MetricSource {
    private final Path file;

    MetricsFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public Read read() {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a directory, not a metrics file (JSON Lines)");
        }
        List<JobRunMetric> metrics = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        long records = 0;
        long line = 0;
        // Malformed UTF-8 reads as U+FFFD rather than ending the read: the line is then judged like any other.
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                records++;
                try {
                    metrics.add(Contracts.fromJson(text, JobRunMetric.class));
                } catch (IllegalArgumentException e) {
                    rejected.add(new Rejected(file + ":" + line, line, e.getMessage()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        return new Read(records, metrics, rejected);
    }
}
