package dev.switchyard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.testsupport.DemoProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local run's additional sinks (Kafka): written after the files, turned off at their first failure. */
class BesidesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReportTheFirstFailureOnce_andTurnEverySinkOff() {
        List<String> problems = new ArrayList<>();
        List<String> written = new ArrayList<>();
        Besides besides = new Besides(problems::add);
        Sink<String> metrics = besides.wrap(
                value -> {
                    if (value.equals("b")) {
                        throw new TransientFailureException("no broker", null);
                    }
                    written.add(value);
                },
                "metrics to Kafka");
        Sink<String> audit = besides.wrap(written::add, "audit entries to Kafka");

        List.of("a", "b", "c").forEach(metrics::accept);
        audit.accept("d");

        assertThat(written).containsExactly("a");
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("writing metrics to Kafka failed")
                .contains("no broker");
    }

    @Test
    void shouldFinishTheRunOnTheFiles_andFailIt_whenKafkaFailsMidRun() throws IOException {
        Path project = DemoProject.copyTo(dir);
        List<JobRunMetric> toKafka = new ArrayList<>();
        Sink<JobRunMetric> flaky = metric -> {
            if (toKafka.size() == 2) {
                throw new TransientFailureException("the broker went away", null);
            }
            toKafka.add(metric);
        };
        LocalOptions options = LocalOptions.defaults().withMoreSinks(flaky, entry -> {});

        RunReport report;
        try (LocalOrchestrator orchestrator =
                LocalOrchestrator.fresh(LocalProject.at(project), "RAW", options, new RunProgress() {})) {
            report = orchestrator.run("RAW", LocalDate.parse("2026-11-30"), false);
        }

        assertThat(report.succeeded()).isFalse();
        assertThat(report.problems()).singleElement().asString().contains("the broker went away");
        List<String> lines = Files.readAllLines(project.resolve(".switchyard/metrics.jsonl"));
        assertThat(lines)
                .hasSizeGreaterThan(toKafka.size())
                .hasSize(report.executions().stream()
                        .mapToInt(e -> e.jobs().size())
                        .sum());
        assertThat(toKafka).hasSize(2);
    }
}
