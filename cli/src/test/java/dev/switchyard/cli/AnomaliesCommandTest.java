package dev.switchyard.cli;

import static dev.switchyard.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchyard anomalies} on metrics files written as run and replay write them. */
class AnomaliesCommandTest {
    /** Forty minutes, give or take a few. */
    private static final long[] USUAL = {2400, 2460, 2350, 2520, 2380, 2440, 2410, 2300, 2490, 2430};

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 20);

    @TempDir
    Path dir;

    /** A job's runs as metric lines, one a day from FIRST_DAY: usual durations, then {@code last}. */
    static List<String> runs(String job, int usual, long last) {
        List<String> lines = new ArrayList<>();
        for (int day = 0; day <= usual; day++) {
            long seconds = day < usual ? USUAL[day % USUAL.length] : last;
            lines.add(Contracts.toJson(metric(job, FIRST_DAY.plusDays(day), seconds)));
        }
        return lines;
    }

    private static JobRunMetric metric(String job, LocalDate runDate, long seconds) {
        Instant start =
                runDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(7200);
        String runId = "jr_" + job + "_" + runDate;
        return new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(job, runId, JobRunState.SUCCEEDED),
                job,
                "RAW",
                "prod",
                runDate,
                runId,
                JobRunState.SUCCEEDED,
                start,
                start.plusSeconds(seconds),
                seconds,
                seconds,
                0,
                null,
                "G.1X",
                2,
                null,
                start.plusSeconds(seconds + 1));
    }

    private Path metricsFile(List<String> lines) throws IOException {
        return Files.write(dir.resolve("metrics.jsonl"), lines, StandardCharsets.UTF_8);
    }

    /** raw_orders: 15 usual runs, then one of 3 h 20 min; stg_sales: 12 usual runs, then one of 4 s. */
    private Path twoAnomalies() throws IOException {
        List<String> lines = new ArrayList<>(runs("raw_orders", 15, 12_000));
        lines.addAll(runs("stg_sales", 12, 4));
        return metricsFile(lines);
    }

    @Test
    void shouldPrintTheSlowAndFastRuns_asAnAlignedTable() throws IOException {
        Path metrics = twoAnomalies();

        CliTest.Result r = run("anomalies", "--metrics", metrics.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("Judged 9 runs of 2 jobs in " + metrics + "; 20 runs not judged (fewer than 10 earlier"
                        + " successful runs).")
                .contains("2 anomalies:")
                .containsPattern("JOB +KIND +RUN DATE +RUN +TOOK +USUALLY \\(MEDIAN ± MAD\\) +OF RUNS +SCORE")
                .containsPattern("stg_sales +FAST +2026-11-01 +jr_stg_sales_2026-11-01 +4s +40m 20s ± 40s +12 +-\\d")
                .containsPattern(
                        "raw_orders +SLOW +2026-11-04 +jr_raw_orders_2026-11-04 +3h 20m +40m 10s ± 50s +15 +\\+\\d")
                .contains("Thresholds: |score| > 3.5 on log durations against the last 30 successful runs (at least"
                        + " 10), at least 30 s and ×2 from the median, and against the same weekday's runs.");
        assertThat(r.out().indexOf("stg_sales"))
                .as("in the order the runs started")
                .isLessThan(r.out().indexOf("raw_orders  SLOW"));
    }

    @Test
    void shouldReportOnlyRunsEndedSinceTheLastCheck_withSince() throws IOException {
        Path metrics = twoAnomalies();

        CliTest.Result r = run(
                "anomalies", "--metrics", metrics.toString(), "--since", "2026-11-03T00:00:00Z", "--format", "json");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.json().path("Anomalies"))
                .extracting(a -> a.path("JobName").asText())
                .containsExactly("raw_orders");
    }

    @Test
    void shouldSayWhenThereIsNothingUnusual() throws IOException {
        CliTest.Result r = run(
                "anomalies",
                "--metrics",
                metricsFile(runs("raw_orders", 20, 2400)).toString());

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("No anomalies.");
    }

    @Test
    void shouldRejectBadLinesWithTheirLineNumberAndReason_andJudgeTheRest() throws IOException {
        List<String> lines = new ArrayList<>(runs("raw_orders", 15, 12_000));
        lines.add(2, "{\"SchemaVersion\": 1, \"JobName\": \"x\"");
        lines.add(5, "");
        lines.add(7, lines.get(0).replaceFirst("\"MetricId\":\"[0-9a-f]+\",", ""));
        lines.add(9, lines.get(1).replaceFirst("\\{", "{\"Colour\":\"red\","));
        Path metrics = metricsFile(lines);

        CliTest.Result r = run("anomalies", "--metrics", metrics.toString());

        assertThat(r.status()).as("some lines were rejected").isEqualTo(1);
        assertThat(r.err())
                .contains("switchyard: rejected " + metrics + ":3: JobRunMetric: not valid JSON")
                .contains("switchyard: rejected " + metrics + ":8: JobRunMetric: MetricId is missing")
                .contains("switchyard: rejected " + metrics + ":10: JobRunMetric: unknown property 'Colour'")
                .contains("switchyard: 3 records of " + metrics + " rejected; the rest were judged");
        assertThat(r.err()).doesNotContain(":6:");
        assertThat(r.out()).containsPattern("raw_orders +SLOW").contains("3 records rejected");
    }

    @Test
    void shouldPrintJsonForScripts_withTheAnomaliesAsTheEventsTheBusGets() throws IOException {
        List<String> lines = new ArrayList<>(runs("raw_orders", 15, 12_000));
        lines.addAll(runs("stg_sales", 12, 4));
        lines.add(lines.get(0));
        lines.add("not json");
        Path metrics = metricsFile(lines);

        CliTest.Result r = run("anomalies", "--metrics", metrics.toString(), "--format", "json");

        assertThat(r.status()).isEqualTo(1);
        JsonNode json = r.json();
        assertThat(json.path("Metrics").asText()).isEqualTo(metrics.toString());
        assertThat(json.path("Now").asText()).isEqualTo("2026-11-29T20:00:00Z");
        assertThat(json.path("Thresholds").path("Threshold").asDouble()).isEqualTo(3.5);
        assertThat(json.path("Thresholds").path("Scale").asText()).isEqualTo("LOG");
        JsonNode counts = json.path("Counts");
        assertThat(counts.path("Records").asLong()).isEqualTo(31);
        assertThat(counts.path("Metrics").asInt()).isEqualTo(29);
        assertThat(counts.path("Duplicates").asInt()).isEqualTo(1);
        assertThat(counts.path("Judged").asInt()).isEqualTo(9);
        assertThat(counts.path("TooFewRuns").asInt()).isEqualTo(20);
        assertThat(counts.path("Anomalies").asInt()).isEqualTo(2);
        assertThat(counts.path("Rejected").asInt()).isEqualTo(1);
        assertThat(counts.has("Running")).as("no --table").isFalse();
        assertThat(json.path("Anomalies")).hasSize(2);
        JsonNode fast = json.path("Anomalies").get(0);
        assertThat(fast.path("SchemaVersion").asInt()).isEqualTo(1);
        assertThat(fast.path("JobName").asText()).isEqualTo("stg_sales");
        assertThat(fast.path("Kind").asText()).isEqualTo("FAST");
        assertThat(fast.path("DurationSeconds").asLong()).isEqualTo(4);
        assertThat(fast.path("MetricId").asText()).hasSize(32);
        assertThat(fast.path("At").asText()).isEqualTo("2026-11-29T20:00:00Z");
        assertThat(json.path("Rejected")).singleElement().satisfies(rejected -> {
            assertThat(rejected.path("Line").asLong()).isEqualTo(31);
            assertThat(rejected.path("Where").asText()).isEqualTo(metrics + ":31");
            assertThat(rejected.path("Reason").asText()).startsWith("JobRunMetric: not valid JSON");
        });
        assertThat(r.err()).contains("rejected " + metrics + ":31");
    }

    @Test
    void shouldFindAStuckRun_inATableFile() throws IOException {
        List<String> lines = new ArrayList<>(runs("raw_orders", 20, 2400));
        lines.addAll(runs("raw_young", 12, 2400));
        Path metrics = metricsFile(lines);
        Path table = Files.writeString(dir.resolve("control-table.csv"), """
                JobName,JobCategory,RunCondition,SkipFlag,StatusFlag,LastRunTimestamp,LastRunId,LastRunStartedOn,LastRunDate
                raw_orders,RAW,DAILY,NO,RUNNING,2026-11-29T10:00:40Z,jr_today,2026-11-29T10:00:00Z,2026-11-28
                raw_young,RAW,DAILY,NO,RUNNING,2026-11-29T19:50:00Z,jr_young,,
                raw_legacy,RAW,DAILY,NO,RUNNING,2026-11-29T08:00:00Z,,,
                raw_done,RAW,DAILY,NO,SUCCEEDED,2026-11-29T08:00:00Z,jr_done,,
                """);

        CliTest.Result r = run("anomalies", "--metrics", metrics.toString(), "--table", table.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Checked 2 of 3 running jobs in " + table + " at 2026-11-29T20:00:00Z; 1 could not be"
                        + " checked.")
                .containsPattern(
                        "raw_orders +STUCK +2026-11-28 +jr_today +10h 00m so far +4\\dm \\d\\ds ± \\d+s +\\d+ +\\+");
        assertThat(r.err())
                .isEqualTo("switchyard: note: raw_legacy is RUNNING but its row has no LastRunId; not checked\n");

        CliTest.Result json = run(
                "anomalies",
                "--metrics",
                metrics.toString(),
                "--table",
                table.toString(),
                "--now",
                "2026-11-29T10:30:00Z",
                "--format",
                "json");
        assertThat(json.json().path("Anomalies")).as("half an hour in is usual").isEmpty();
        assertThat(json.json().path("Counts").path("Running").asInt()).isEqualTo(3);
        assertThat(json.json().path("Counts").path("RunningJudged").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefuseBadArguments_withStatus2() throws IOException {
        Path metrics = metricsFile(runs("raw_orders", 12, 2400));

        CliTest.Result missing =
                run("anomalies", "--metrics", dir.resolve("nope.jsonl").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("switchyard: " + dir.resolve("nope.jsonl") + ": no such file\n");

        CliTest.Result now = run("anomalies", "--metrics", metrics.toString(), "--now", "yesterday");
        assertThat(now.status()).isEqualTo(2);
        assertThat(now.err()).contains("'yesterday' is not an instant like 2026-11-30T09:00:00Z");

        CliTest.Result region = run("anomalies", "--metrics", metrics.toString(), "--region", "eu-west-1");
        assertThat(region.status()).isEqualTo(2);
        assertThat(region.err())
                .isEqualTo("switchyard: --region and --endpoint are for --event-bus and dynamodb: tables\n");

        CliTest.Result noMetrics = run("anomalies");
        assertThat(noMetrics.status()).isEqualTo(2);
        assertThat(noMetrics.err()).contains("--metrics");

        CliTest.Result table = run("anomalies", "--metrics", metrics.toString(), "--table", "nope.csv");
        assertThat(table.status()).isEqualTo(2);
        assertThat(table.err()).isEqualTo("switchyard: nope.csv: no such file\n");

        CliTest.Result help = run("anomalies", "--help");
        assertThat(help.out()).contains("Exit status: 0 every record was read");
    }

    @Test
    void shouldPublishEachAnomalyToTheEventBus() throws Exception {
        Path metrics = twoAnomalies();
        List<String> bodies = new ArrayList<>();
        try (FakeEventBridge bus = new FakeEventBridge(bodies, "{\"FailedEntryCount\": 0, \"Entries\": [{}]}")) {
            CliTest.Result r = bus.run(
                    "anomalies",
                    "--metrics",
                    metrics.toString(),
                    "--event-bus",
                    "ops",
                    "--region",
                    "eu-west-1",
                    "--endpoint",
                    bus.url(),
                    "--format",
                    "json");

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.json().path("Counts").path("Published").asInt()).isEqualTo(2);
        }
        assertThat(bodies)
                .hasSize(2)
                .allSatisfy(body -> assertThat(body)
                        .startsWith("AWSEvents.PutEvents ")
                        .contains("\"DetailType\":\"JobRunAnomaly\"")
                        .contains("\"Source\":\"switchyard\"")
                        .contains("\"EventBusName\":\"ops\""));
        assertThat(bodies.get(0)).contains("stg_sales").contains("FAST");
        assertThat(bodies.get(1)).contains("raw_orders").contains("SLOW");
    }

    @Test
    void shouldStopPublishingAtTheFirstRefusal_andSayHowManyWent() throws Exception {
        Path metrics = twoAnomalies();
        List<String> bodies = new ArrayList<>();
        String refused = "{\"FailedEntryCount\": 1, \"Entries\": [{\"ErrorCode\": \"AccessDeniedException\","
                + " \"ErrorMessage\": \"not allowed\"}]}";
        try (FakeEventBridge bus = new FakeEventBridge(bodies, refused)) {
            CliTest.Result r = bus.run(
                    "anomalies",
                    "--metrics",
                    metrics.toString(),
                    "--event-bus",
                    "ops",
                    "--region",
                    "eu-west-1",
                    "--endpoint",
                    bus.url());

            assertThat(r.status()).isEqualTo(1);
            assertThat(r.out()).contains("2 anomalies:");
            assertThat(r.err())
                    .contains("switchyard: published 0 of 2 anomalies to event bus ops; stopped at stg_sales run"
                            + " jr_stg_sales_2026-11-01: ")
                    .contains("AccessDeniedException");
        }
        assertThat(bodies).hasSize(1);
    }

    /** EventBridge's PutEvents answered by a local HTTP server, with test credentials. */
    private static final class FakeEventBridge implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;

        FakeEventBridge(List<String> bodies, String answer) throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                bodies.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        CliTest.Result run(String... args) {
            Map<String, String> properties = Map.of("aws.accessKeyId", "test", "aws.secretAccessKey", "test");
            Map<String, String> before = new HashMap<>();
            properties.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
            try {
                return CliTest.run(args);
            } finally {
                before.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
