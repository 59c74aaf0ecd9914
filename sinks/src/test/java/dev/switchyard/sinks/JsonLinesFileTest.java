package dev.switchyard.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileTest {
    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteOneParseableLinePerValue_andCreateTheDirectories() throws IOException {
        Path file = dir.resolve("out/nested/metrics.jsonl");
        List<JobRunMetric> metrics = List.of(
                Samples.metric("sales_raw_load", "jr_1"),
                Samples.metric("ventes_brutes_é", "jr_2", JobRunState.FAILED, null),
                Samples.metric("売上_📈", "jr_3", JobRunState.TIMEOUT, "dev"));

        try (JsonLinesFile<JobRunMetric> sink = new JsonLinesFile<>(file)) {
            metrics.forEach(sink::accept);
        }

        List<String> lines = lines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(line -> Contracts.fromJson(line, JobRunMetric.class)))
                .containsExactlyElementsOf(metrics);
        assertThat(Files.readString(file)).endsWith("}\n");
    }

    @Test
    void shouldAppend_whenTheFileExists() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesFile<JobRunMetric> sink = new JsonLinesFile<>(file)) {
            sink.accept(Samples.metric("a", "jr_1"));
        }
        try (JsonLinesFile<JobRunMetric> sink = new JsonLinesFile<>(file)) {
            sink.accept(Samples.metric("b", "jr_2"));
        }

        assertThat(lines(file)).hasSize(2);
    }

    @Test
    void shouldEmptyTheFile_whenReplacing() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, "{\"old\":1}\n{\"old\":2}\n");

        try (JsonLinesFile<JobRunMetric> sink = JsonLinesFile.replacing(file)) {
            sink.accept(Samples.metric("a", "jr_1"));
        }

        assertThat(lines(file))
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("{\"SchemaVersion\""));
    }

    @Test
    void shouldStartANewLine_whenACrashCutTheLastLineShort() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, "{\"SchemaVersion\":1,\"Met");

        try (JsonLinesFile<JobRunMetric> sink = new JsonLinesFile<>(file)) {
            sink.accept(Samples.metric("a", "jr_1"));
        }

        List<String> lines = lines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"SchemaVersion\":1,\"Met");
        assertThat(Contracts.fromJson(lines.get(1), JobRunMetric.class)).isEqualTo(Samples.metric("a", "jr_1"));
    }

    @Test
    void shouldWriteWholeLines_whenFourThreadsWriteAtOnce() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        int threads = 4;
        int perThread = 2_500;
        // Long lines (about 9 KB) span several pages and exceed a pipe's atomic write size.
        String longError = "é".repeat(4_000);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (JsonLinesFile<JobRunMetric> sink = new JsonLinesFile<>(file)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        JobRunMetric m = Samples.metric("job" + thread, "jr_" + i, JobRunState.FAILED, "dev");
                        sink.accept(i % 10 == 0 ? withError(m, longError) : m);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = lines(file);
        assertThat(lines).hasSize(threads * perThread);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            ids.add(Contracts.fromJson(line, JobRunMetric.class).metricId());
        }
        assertThat(ids).hasSize(threads * perThread);
    }

    private static JobRunMetric withError(JobRunMetric m, String error) {
        return new JobRunMetric(
                m.schemaVersion(),
                m.metricId(),
                m.jobName(),
                m.jobCategory(),
                m.environment(),
                m.runDate(),
                m.jobRunId(),
                m.state(),
                m.startedOn(),
                m.completedOn(),
                m.durationSeconds(),
                m.executionTimeSeconds(),
                m.attempt(),
                m.maxCapacity(),
                m.workerType(),
                m.numberOfWorkers(),
                error,
                m.emittedAt());
    }

    @Test
    void shouldRefuse_whenClosed() {
        JsonLinesFile<JobRunMetric> sink = new JsonLinesFile<>(dir.resolve("m.jsonl"));
        sink.close();
        sink.close();

        assertThatThrownBy(() -> sink.accept(Samples.metric("a", "jr_1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("m.jsonl");
    }

    @Test
    void shouldNameTheFile_whenItCannotBeOpened() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        Path file = notADirectory.resolve("metrics.jsonl");

        assertThatThrownBy(() -> new JsonLinesFile<JobRunMetric>(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
    }
}
