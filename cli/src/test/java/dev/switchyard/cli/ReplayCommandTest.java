package dev.switchyard.cli;

import static dev.switchyard.cli.CliTest.RETAIL;
import static dev.switchyard.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.metric.JobRunMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchyard replay} on the retail example's recorded day (examples/retail/events-2026-11-30.jsonl). */
class ReplayCommandTest {
    static final String EVENTS = "../examples/retail/events-2026-11-30.jsonl";

    @TempDir
    Path dir;

    private CliTest.Result replay(String events, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "replay",
                "--table",
                RETAIL,
                "--events",
                events,
                "--plan",
                "RAW@2026-11-30",
                "--plan",
                "REF@2026-11-30",
                "--out",
                out.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static JsonNode json(Path file) throws IOException {
        return dev.switchyard.contracts.Json.mapper().readTree(file.toFile());
    }

    private static JsonNode job(JsonNode table, String name) {
        return StreamSupport.stream(table.spliterator(), false)
                .filter(j -> j.get("JobName").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldWriteTheTableTriggersMetricsAuditAndRejections_ofARecordedDay() throws IOException {
        Path out = dir.resolve("out");

        CliTest.Result result = replay(EVENTS, out);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Triggered: STG for 2026-11-30, after RAW, REF")
                .contains("Triggered: MART for 2026-11-30, after STG")
                .containsPattern("unknown job +2 +job not in the table, ignored: ad_hoc_backfill")
                .containsPattern("duplicate +1")
                .containsPattern("rejected +1");

        JsonNode table = json(out.resolve("table.json"));
        assertThat(table).hasSize(19);
        JsonNode traffic = job(table, "raw_store_traffic");
        assertThat(traffic.get("StatusFlag").asText())
                .as("the re-run succeeded")
                .isEqualTo("SUCCEEDED");
        assertThat(traffic.get("LastRunId").asText()).isEqualTo("jr_raw_store_traffic_02");
        assertThat(traffic.get("LastRunDate").asText()).isEqualTo("2026-11-30");
        assertThat(traffic.get("Owner").asText()).as("other columns kept").isEqualTo("stores");
        assertThat(job(table, "mart_month_end_close").get("StatusFlag").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(job(table, "mart_board_pack").has("StatusFlag"))
                .as("never ran")
                .isFalse();

        JsonNode triggers = json(out.resolve("triggers.json"));
        assertThat(triggers).hasSize(2);
        assertThat(triggers.get(0).get("Category").asText()).isEqualTo("STG");
        assertThat(triggers.get(0).get("RunDate").asText()).isEqualTo("2026-11-30");
        assertThat(triggers.get(0).get("Causes").toString()).isEqualTo("[\"RAW\",\"REF\"]");

        List<JobRunMetric> metrics = Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                .map(line -> Contracts.fromJson(line, JobRunMetric.class))
                .toList();
        assertThat(metrics).as("one per finished run of a known job").hasSize(11);
        assertThat(metrics)
                .filteredOn(m -> m.jobRunId().equals("jr_raw_store_traffic_01"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.state().name()).isEqualTo("FAILED");
                    assertThat(m.durationSeconds()).isEqualTo(900L);
                    assertThat(m.errorMessage()).contains("OutOfMemoryError");
                });

        List<AuditEntry> audit = Files.readAllLines(out.resolve("audit.jsonl")).stream()
                .map(line -> Contracts.fromJson(line, AuditEntry.class))
                .toList();
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("alice");
            assertThat(a.changed()).containsOnlyKeys("SkipFlag", "UpdatedAt", "UpdatedBy", "Version");
        });

        List<String> rejected = Files.readAllLines(out.resolve("rejected.jsonl"));
        assertThat(rejected)
                .singleElement()
                .satisfies(line ->
                        assertThat(line).contains("\"Where\":\"line 26\"").contains("not valid JSON"));
    }

    @Test
    void shouldGiveTheSameTableTriggersAndMetrics_whenTheDayIsShuffledAndPartlyRedelivered() throws IOException {
        Path first = dir.resolve("first");
        assertThat(replay(EVENTS, first).status()).isZero();
        List<String> lines = Files.readAllLines(Path.of(EVENTS));
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            List<String> shuffled = new ArrayList<>(lines);
            for (int i = 0; i < 10; i++) {
                shuffled.add(lines.get(random.nextInt(lines.size())));
            }
            Collections.shuffle(shuffled, random);
            Path events = dir.resolve("shuffled-" + round + ".jsonl");
            Files.write(events, shuffled);
            Path out = dir.resolve("out-" + round);

            CliTest.Result result = replay(events.toString(), out);

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(Files.readString(out.resolve("table.json")))
                    .isEqualTo(Files.readString(first.resolve("table.json")));
            assertThat(withoutTimes(json(out.resolve("triggers.json"))))
                    .isEqualTo(withoutTimes(json(first.resolve("triggers.json"))));
            assertThat(sorted(out.resolve("metrics.jsonl"))).isEqualTo(sorted(first.resolve("metrics.jsonl")));
            assertThat(sorted(out.resolve("audit.jsonl"))).isEqualTo(sorted(first.resolve("audit.jsonl")));
        }
    }

    /** When a trigger was claimed depends on which upstream event came last; what was triggered does not. */
    private static JsonNode withoutTimes(JsonNode triggers) {
        triggers.forEach(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove("TriggeredAt"));
        return triggers;
    }

    private static List<String> sorted(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    @Test
    void shouldAlsoAppendMetricsAndAudit_toTheFilesNamed() throws IOException {
        Path out = dir.resolve("also");
        Path metrics = dir.resolve("all-metrics.jsonl");
        Path audit = dir.resolve("all-audit.jsonl");
        Files.writeString(metrics, "{\"earlier\":true}\n");

        CliTest.Result result =
                replay(EVENTS, out, "--metrics-file", metrics.toString(), "--audit-file", audit.toString());

        assertThat(result.status()).as(result.err()).isZero();
        List<String> appended = Files.readAllLines(metrics);
        assertThat(appended.getFirst()).isEqualTo("{\"earlier\":true}");
        assertThat(appended.subList(1, appended.size())).isEqualTo(Files.readAllLines(out.resolve("metrics.jsonl")));
        assertThat(Files.readAllLines(audit)).isEqualTo(Files.readAllLines(out.resolve("audit.jsonl")));
    }

    @Test
    void shouldPrintTheSummaryAsJson() throws IOException {
        CliTest.Result result = replay(EVENTS, dir.resolve("json"), "--format", "json");

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode summary = result.json();
        assertThat(summary.at("/Counts/Outcomes/APPLIED").asInt()).isPositive();
        assertThat(summary.at("/Counts/UnknownJobs/ad_hoc_backfill").asInt()).isEqualTo(2);
        assertThat(summary.at("/Counts/Rejected").asInt()).isEqualTo(1);
        assertThat(summary.get("Triggers")).hasSize(2);
    }

    @Test
    void shouldApplyFinalEventsWithoutACategoryRun_whenNoRunIsPlanned() throws IOException {
        Path out = dir.resolve("unplanned");

        CliTest.Result result = run("replay", "--table", RETAIL, "--events", EVENTS, "--out", out.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("Triggered: nothing").contains("applied without one");
        assertThat(job(json(out.resolve("table.json")), "raw_pos_sales")
                        .get("StatusFlag")
                        .asText())
                .isEqualTo("SUCCEEDED");
        assertThat(json(out.resolve("triggers.json"))).isEmpty();
    }

    @Test
    void shouldRefuseABadPlan_andAMissingEventsFile_withExitTwo() {
        CliTest.Result plan =
                run("replay", "--table", RETAIL, "--events", EVENTS, "--plan", "RAW", "--out", dir.toString());
        CliTest.Result date = run(
                "replay", "--table", RETAIL, "--events", EVENTS, "--plan", "RAW@30-11-2026", "--out", dir.toString());
        CliTest.Result missing = run("replay", "--table", RETAIL, "--events", "nope.jsonl", "--out", dir.toString());

        assertThat(plan.status()).isEqualTo(2);
        assertThat(plan.err()).contains("expected CATEGORY@YYYY-MM-DD");
        assertThat(date.status()).isEqualTo(2);
        assertThat(date.err()).contains("'30-11-2026' is not a date");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.jsonl: no such file");
    }
}
