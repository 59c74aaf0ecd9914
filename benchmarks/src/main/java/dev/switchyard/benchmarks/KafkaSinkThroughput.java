package dev.switchyard.benchmarks;

import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.kafka.EmbeddedKafka;
import dev.switchyard.kafka.KafkaSettings;
import dev.switchyard.kafka.KafkaSinks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Metrics per second through the Kafka sink to a local KRaft broker (acks=all, idempotent), next to Kafka's own
 * producer performance tool ({@code org.apache.kafka.tools.ProducerPerformance}) on the same broker, record size
 * and producer settings. The broker runs in this JVM; each client runs in a JVM of its own, one after another, so
 * they share the machine alike.
 *
 * <p>The sink waits for each record's acknowledgement before it returns (the reactor marks an event handled only
 * after its metric is written), so one thread has at most one record in flight; the tool pipelines records
 * without waiting. The sink is measured from 1, 8 and 32 threads sharing one producer. (Concurrent Lambda
 * invocations each have a producer of their own, so there the single-thread figure multiplies, up to the broker.)
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.switchyard.benchmarks.KafkaSinkThroughput
 * [RECORDS]} (default 20,000).
 */
public final class KafkaSinkThroughput {
    private static final int[] THREADS = {1, 8, 32};

    private KafkaSinkThroughput() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            client(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int size = Contracts.toJson(metric(0)).getBytes(StandardCharsets.UTF_8).length;
        System.out.printf(
                Locale.ROOT, "records: %,d; metric size: %d bytes; acks=all, idempotent, linger.ms=0%n", records, size);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            for (int threads : THREADS) {
                String topic = "sink-" + threads;
                kafka.createTopic(topic, 1);
                String line = child(List.of(
                        KafkaSinkThroughput.class.getName(),
                        "client",
                        kafka.bootstrapServers(),
                        topic,
                        Integer.toString(records),
                        Integer.toString(threads)));
                System.out.println("Switchyard Kafka sink, " + threads + " thread(s): " + line);
            }
            kafka.createTopic("perf", 1);
            List<String> perf = new ArrayList<>(List.of(
                    "org.apache.kafka.tools.ProducerPerformance",
                    "--topic",
                    "perf",
                    "--num-records",
                    Integer.toString(records),
                    "--record-size",
                    Integer.toString(size),
                    "--throughput",
                    "-1",
                    "--producer-props",
                    "bootstrap.servers=" + kafka.bootstrapServers(),
                    "acks=all",
                    "enable.idempotence=true",
                    "linger.ms=0"));
            System.out.println("kafka-producer-perf-test, linger.ms=0: " + child(perf));
            perf.set(perf.size() - 1, "linger.ms=5");
            System.out.println("kafka-producer-perf-test, linger.ms=5 (Kafka 4's default): " + child(perf));
        }
    }

    /** Runs a main class of this jar in a new JVM; its last line of output. */
    private static String child(List<String> mainAndArgs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = "";
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        int status = process.waitFor();
        if (status != 0) {
            throw new IllegalStateException(mainAndArgs.getFirst() + " exited " + status + ": " + last);
        }
        return last;
    }

    /** Sends {@code records} metrics from {@code threads} threads, after a warm-up; prints the rate. */
    private static void client(String bootstrap, String topic, int records, int threads) throws Exception {
        KafkaSettings settings = KafkaSettings.of(bootstrap).withTopics(topic, "unused-audit");
        try (KafkaSinks sinks = new KafkaSinks(settings)) {
            for (int i = 0; i < 2_000; i++) {
                sinks.metrics().accept(metric(-1 - i));
            }
            long[] latencies = new long[records];
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < records; i += threads) {
                        long sent = System.nanoTime();
                        sinks.metrics().accept(metric(i));
                        latencies[i] = System.nanoTime() - sent;
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "%,d records in %.2f s: %,.0f records/s, latency p50 %.2f ms, p99 %.2f ms%n",
                    records,
                    seconds,
                    records / seconds,
                    latencies[records / 2] / 1e6,
                    latencies[(int) (records * 0.99)] / 1e6);
        }
    }

    /** A realistic metric: a finished run of one of 500 jobs, with Glue's timings and capacity. */
    static JobRunMetric metric(int i) {
        String job = "job_%03d_load_orders".formatted(Math.floorMod(i, 500));
        String run = "jr_%064x".formatted(Math.abs((long) i * 2_654_435_761L));
        Instant started = Instant.parse("2026-11-30T02:00:00Z").plusSeconds(Math.floorMod(i, 3_600));
        return new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(job, run, JobRunState.SUCCEEDED),
                job,
                "RAW",
                "prod",
                LocalDate.parse("2026-11-30"),
                run,
                JobRunState.SUCCEEDED,
                started,
                started.plusSeconds(754),
                754L,
                741L,
                0,
                10.0,
                "G.1X",
                10,
                null,
                started.plusSeconds(760));
    }
}
