package dev.switchyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.files.FileFormat;
import dev.switchyard.contracts.files.TableFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/** The commands as a user types them, run in-process against the example files. */
class CliTest {
    static final String SEED = "../examples/seed/control-table.csv";
    static final String RETAIL = "../examples/retail/control-table.csv";
    static final String RETAIL_CATEGORIES = "../examples/retail/categories.yaml";
    /** Late on Sunday 29 November 2026 in UTC: already Monday the 30th in Auckland. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T20:00:00Z"), ZoneOffset.UTC);

    record Result(int status, String out, String err) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(out);
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), CLOCK);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void planPrintsAlignedColumnsWithTheReasonInWords() {
        Result r = run("plan", "--table", SEED, "--category", "RAW", "--date", "2026-11-30");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("Plan for RAW on Monday 2026-11-30 (all environments)")
                .contains("2 jobs: 2 run, 0 do not")
                .contains("JOB   RUNS  REASON     WHY                               RUN CONDITION   SKIP FLAG")
                .contains("JOB1  yes   scheduled  MONDAY matches Monday 2026-11-30  MONDAY,TUESDAY  NO");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void planAsJsonPrintsTheCheckerPayloads() throws IOException {
        Result r = run("plan", "--table", SEED, "--category", "STG", "--date", "2026-11-30", "--format", "json");
        assertThat(r.status()).isZero();
        JsonNode payload = r.json().get(0);
        assertThat(r.json()).hasSize(1);
        assertThat(payload.get("JobName").asText()).isEqualTo("JOB3");
        assertThat(payload.get("ShouldRunToday").asBoolean()).isFalse();
        assertThat(payload.get("Reason").asText()).isEqualTo("SKIPPED");
        assertThat(payload.get("RunDate").asText()).isEqualTo("2026-11-30");
        assertThat(payload.get("SkipFlag").asText()).isEqualTo("YES");
        assertThat(payload.get("RunCondition").isNull()).isTrue();
    }

    @Test
    void planDefaultsToTodayInTheGivenZone() throws IOException {
        assertThat(run("plan", "--table", SEED, "--category", "RAW", "--format", "json")
                        .json()
                        .get(0)
                        .get("RunDate")
                        .asText())
                .isEqualTo("2026-11-29");
        Result auckland =
                run("plan", "--table", SEED, "--category", "RAW", "--zone", "Pacific/Auckland", "--format", "json");
        assertThat(auckland.json().get(0).get("RunDate").asText()).isEqualTo("2026-11-30");
        assertThat(auckland.json().get(0).get("ShouldRunToday").asBoolean()).isTrue();
    }

    @Test
    void planFiltersByEnvironment() throws IOException {
        Result prod = run(
                "plan",
                "--table",
                RETAIL,
                "--category",
                "RAW",
                "--date",
                "2026-11-30",
                "--environment",
                "prod",
                "--format",
                "json");
        assertThat(prod.json().findValuesAsText("JobName"))
                .contains("raw_supplier_feed")
                .doesNotContain("raw_supplier_feed_sample");
    }

    @Test
    void planShowsInvalidRowsLoudly(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, "JobName,JobCategory,RunCondition,SkipFlag\nok,RAW,DAILY,NO\nbad,RAW,MONDY,NO\n");
        Result r = run("plan", "--table", table.toString(), "--category", "RAW", "--date", "2026-11-30");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("bad  no    invalid RunCondition  see below")
                .contains("1 job will not run until fixed:")
                .contains("bad: RunCondition: 'MONDY' at position 1 of \"MONDY\": unknown term; did you mean MONDAY?");
        Result json = run("plan", "--table", table.toString(), "--category", "RAW", "--format", "json");
        assertThat(json.err()).contains("bad will not run: INVALID_RUN_CONDITION");
    }

    @Test
    void planRefusesWhenARowThatMayBelongToTheCategoryCannotBeRead(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("t.csv");
        Files.writeString(
                table, "JobName,JobCategory,RunCondition,StatusFlag\nok,RAW,DAILY,\n,RAW,DAILY,\nx,STG,DAILY,DONE\n");
        Result raw = run("plan", "--table", table.toString(), "--category", "RAW");
        assertThat(raw.status()).isEqualTo(1);
        assertThat(raw.err())
                .contains("1 row problem that may hide jobs of category RAW")
                .contains("t.csv:3");
        Result stg = run("plan", "--table", table.toString(), "--category", "STG");
        assertThat(stg.status()).isEqualTo(1);
        Result other = run("plan", "--table", table.toString(), "--category", "MART");
        assertThat(other.status()).isZero();
        assertThat(other.err()).contains("note: other categories have 2 row problems");
    }

    @Test
    void planSaysWhichCategoriesExist_whenTheCategoryHasNoJobs() throws IOException {
        Result r = run("plan", "--table", SEED, "--category", "RWA", "--format", "json");
        assertThat(r.status()).isZero();
        assertThat(r.json()).isEmpty();
        assertThat(r.err()).contains("no job of category RWA").contains("categories there: RAW, STG");
    }

    @Test
    void badArgumentsGetAClearMessageAndStatus2() {
        Result date = run("plan", "--table", SEED, "--category", "RAW", "--date", "30/11/2026");
        assertThat(date.status()).isEqualTo(2);
        assertThat(date.err()).contains("'30/11/2026' is not a date like 2026-11-30");
        Result missing = run("plan", "--table", "nope.csv", "--category", "RAW");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("switchyard: nope.csv: no such file\n");
        Result type = run("plan", "--table", "table.txt", "--category", "RAW");
        assertThat(type.err()).contains("unknown file type");
        Result noCategory = run("plan", "--table", SEED);
        assertThat(noCategory.status()).isEqualTo(2);
        assertThat(noCategory.err()).contains("Missing required option: '--category=C'");
        Result zone = run("plan", "--table", SEED, "--category", "RAW", "--zone", "Mars/Olympus");
        assertThat(zone.status()).isEqualTo(2);
        assertThat(zone.err())
                .startsWith("switchyard: Invalid value for option '--zone': 'Mars/Olympus' is not a time zone")
                .endsWith("Run 'switchyard plan --help' for the options.\n");
        Result unknown = run("valdate");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Did you mean: switchyard validate");
        Result store = run("plan", "--table", "sqlite:no/such/file.db", "--category", "RAW");
        assertThat(store.status()).isEqualTo(2);
        assertThat(store.err())
                .isEqualTo("switchyard: no/such/file.db: no such database; create it with: switchyard init --table"
                        + " sqlite:no/such/file.db\n");
    }

    @Test
    void theSameTableInEveryFormatGivesTheSamePlan(@TempDir Path dir) throws IOException {
        var items = TableFiles.readControlTable(Path.of(RETAIL)).values();
        String expected = run(
                        "plan", "--table", RETAIL, "--category", "MART", "--date", "2026-12-31", "--format", "json")
                .out();
        for (String name : new String[] {"t.json", "t.yaml", "t.yml", "t.csv"}) {
            Path file = dir.resolve(name);
            try (Writer w = Files.newBufferedWriter(file)) {
                TableFiles.writeControlTable(w, FileFormat.of(file), items);
            }
            assertThat(run(
                                    "plan",
                                    "--table",
                                    file.toString(),
                                    "--category",
                                    "MART",
                                    "--date",
                                    "2026-12-31",
                                    "--format",
                                    "json")
                            .out())
                    .as(name)
                    .isEqualTo(expected);
        }
    }

    @Test
    void validateAcceptsTheExamples() {
        Result retail = run("validate", "--table", RETAIL, "--categories", RETAIL_CATEGORIES);
        assertThat(retail.status()).isZero();
        assertThat(retail.out()).contains("19 rows, 4 categories, no problems");
        Result seed = run("validate", "--table", SEED, "--categories", "../examples/seed/categories.csv");
        assertThat(seed.status())
                .as("JOB3's empty RunCondition is only a warning: it is skipped")
                .isZero();
        assertThat(seed.out()).contains("0 errors, 1 warning").contains("warning: RunCondition is empty");
    }

    @Test
    void validateReportsEveryInvalidRowWithJobColumnTextAndReason(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("t.csv");
        Files.writeString(table, """
                JobName,JobCategory,RunCondition,SkipFlag
                a,RAW,"MON,,TUE",NO
                b,RAW,DAILY,MAYBE
                c,RAW,cron(0 0 ? * MON-FRI),NO
                d,RAW,DAILY,NO
                """);
        Result r = run("validate", "--table", table.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out())
                .contains("3 errors")
                .contains("WHERE")
                .containsPattern("t\\.csv:2 +a +RunCondition +'MON,,TUE' +',' at position 5")
                .containsPattern("t\\.csv:3 +b +SkipFlag +'MAYBE' +SkipFlag must be")
                .containsPattern("t\\.csv:4 +c +RunCondition +'cron\\(0 0 \\? \\* MON-FRI\\)' +.*6 fields");
        Result json = run("validate", "--table", table.toString(), "--format", "json");
        assertThat(json.status()).isEqualTo(1);
        assertThat(json.json().get("valid").asBoolean()).isFalse();
        assertThat(json.json().get("problems").findValuesAsText("subject")).containsExactly("a", "b", "c");
        assertThat(json.json().get("problems").findValuesAsText("line")).containsExactly("2", "3", "4");
    }

    @Test
    void validateReportsAnUnreadableFileByLineAndColumn(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("t.json");
        Files.writeString(
                table, "[\n  {\"JobName\": \"a\", \"JobCategory\": \"RAW\"},\n  {\"JobName\": \"b\",, }\n]\n");
        Result r = run("validate", "--table", table.toString(), "--format", "json");
        assertThat(r.status()).isEqualTo(1);
        JsonNode problem = r.json().get("problems").get(0);
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("reason").asText()).contains("column");
    }

    @Test
    void validateReportsACategoryCycle(@TempDir Path dir) throws IOException {
        Path categories = dir.resolve("c.csv");
        Files.writeString(categories, "Category,DependsOn\nRAW,STG\nSTG,RAW\n");
        Result r = run("validate", "--table", SEED, "--categories", categories.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("dependency cycle: RAW → STG → RAW");
    }

    /** Every command and subcommand the tree holds, as a user would type it. */
    static java.util.stream.Stream<String> commands() {
        java.util.List<String> all = new java.util.ArrayList<>();
        collect(new picocli.CommandLine(new Main(null, null, CLOCK)), "", all);
        return all.stream();
    }

    private static void collect(picocli.CommandLine command, String prefix, java.util.List<String> all) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                all.add((prefix + " " + name).strip());
                collect(sub, prefix + " " + name, all);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("commands")
    void everyCommandHasHelp(String command) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.add("--help");
        Result r = run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: switchyard " + command);
    }

    @Test
    void everyCommandThatReadsATableTakesTheTableAndFormatOptions() {
        for (String command : commands().toList()) {
            Result r = run((command + " --help").split(" "));
            if (r.out().contains("--table")) {
                assertThat(r.out()).as(command).contains("--format");
            }
        }
        assertThat(commands()).contains("plan", "validate", "init", "jobs import", "jobs unskip", "categories put");
    }

    @Test
    void theTopLevelCommandListsItsCommandsAndVersion() {
        assertThat(run("--help").out()).contains("plan").contains("validate").contains("Exit status");
        assertThat(run("jobs").out()).startsWith("Usage: switchyard jobs").contains("import");
        assertThat(run().status()).isZero();
        assertThat(run("--version").out()).startsWith("switchyard ");
    }
}
