package dev.switchyard.cli;

import static dev.switchyard.cli.CliTest.RETAIL;
import static dev.switchyard.cli.CliTest.RETAIL_CATEGORIES;
import static dev.switchyard.cli.CliTest.SEED;
import static dev.switchyard.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.dynamodb.Dynalite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store commands as a user types them, on both stores: SQLite in a temporary file, DynamoDB's API on a
 * dynalite server the test starts.
 */
class StoreCommandsTest {
    @TempDir
    static Path dir;

    /** A fresh store each time: the arguments that name it. */
    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of(Named.sqlite()), Arguments.of(Named.dynamodb()));
    }

    /** How a store is named on the command line. */
    record Named(String kind, List<String> args) {
        static Named sqlite() {
            return new Named("sqlite", List.of("--table", "sqlite:" + dir.resolve(UUID.randomUUID() + ".db")));
        }

        static Named dynamodb() {
            return new Named(
                    "dynamodb",
                    List.of(
                            "--table",
                            "dynamodb:t-" + UUID.randomUUID(),
                            "--endpoint",
                            Dynalite.endpoint().toString()));
        }

        String[] with(String... command) {
            List<String> all = new ArrayList<>(List.of(command));
            all.addAll(args);
            return all.toArray(String[]::new);
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void shouldPlanAsTheFileDoes_afterInitAndImport(Named store) throws IOException {
        assertThat(run(store.with("init")).status()).isZero();
        CliTest.Result imported = run(store.with("jobs", "import", RETAIL, "--actor", "alice"));
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("19 jobs from " + RETAIL).contains("19 created, 0 updated, 0 unchanged");

        for (String category : List.of("RAW", "REF", "STG", "MART")) {
            for (String date : List.of("2026-11-30", "2026-12-24", "2026-12-31")) {
                CliTest.Result fromFile =
                        run("plan", "--table", RETAIL, "--category", category, "--date", date, "--format", "json");
                CliTest.Result fromStore =
                        run(store.with("plan", "--category", category, "--date", date, "--format", "json"));
                assertThat(fromStore.status()).as(fromStore.err()).isZero();
                assertThat(fromStore.json()).as("%s on %s", category, date).isEqualTo(fromFile.json());
                assertThat(fromStore.json()).isNotEmpty();
            }
        }
        CliTest.Result table = run(store.with("plan", "--category", "RAW", "--date", "2026-11-30"));
        assertThat(table.out())
                .isEqualTo(run("plan", "--table", RETAIL, "--category", "RAW", "--date", "2026-11-30")
                        .out());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void shouldRefuseAMalformedImport_namingLineAndColumn_andWriteNothing(Named store) throws IOException {
        run(store.with("init"));
        Path broken = dir.resolve(UUID.randomUUID() + ".csv");
        Files.writeString(broken, """
                JobName,JobCategory,RunCondition,SkipFlag
                a,RAW,DAILY,NO
                b,RAW,"MON,TUE,NO
                c,RAW,DAILY,NO
                """);
        Path invalid = dir.resolve(UUID.randomUUID() + ".csv");
        Files.writeString(invalid, """
                JobName,JobCategory,RunCondition,SkipFlag
                a,RAW,DAILY,NO
                b,RAW,"MON, TEUSDAY",NO
                """);

        CliTest.Result malformed = run(store.with("jobs", "import", broken.toString()));
        CliTest.Result refused = run(store.with("jobs", "import", invalid.toString()));

        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("switchyard: " + broken + ":3:7: quoted cell is never closed\n");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err())
                .contains("nothing was written")
                .contains(invalid + ":3")
                .contains("'TEUSDAY' at position 6");
        assertThat(run(store.with("jobs", "list", "--format", "json")).json()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void shouldEditJobs_withVersionsActorsAndSkips(Named store) throws IOException {
        run(store.with("init"));
        run(store.with("jobs", "import", SEED, "--actor", "alice"));

        CliTest.Result put = run(store.with("jobs", "put", "JOB1", "--run-condition", "WEEKDAYS", "--actor", "bob"));
        CliTest.Result stale = run(store.with("jobs", "put", "JOB1", "--run-condition", "DAILY", "--if-version", "1"));
        CliTest.Result invalid = run(store.with("jobs", "put", "JOB1", "--run-condition", "DAY_32"));
        CliTest.Result skip = run(store.with("jobs", "skip", "JOB2", "--actor", "carol"));
        CliTest.Result created =
                run(store.with("jobs", "put", "JOB9", "--category", "STG", "--run-condition", "LAST_DAY"));

        assertThat(put.out()).isEqualTo("JOB1 updated (version 2)\n");
        assertThat(stale.status()).isEqualTo(1);
        assertThat(stale.err()).contains("expected version 1 but it is version 2, written by bob");
        assertThat(invalid.status()).isEqualTo(1);
        assertThat(invalid.err()).contains("refused, nothing was written").contains("DAY_32");
        assertThat(skip.out()).isEqualTo("JOB2 skipped (SkipFlag YES, version 2)\n");
        assertThat(created.out()).isEqualTo("JOB9 created (version 1)\n");
        JsonNode job1 =
                run(store.with("jobs", "get", "JOB1", "--format", "json")).json();
        assertThat(job1.get("RunCondition").asText()).isEqualTo("WEEKDAYS");
        assertThat(job1.get("UpdatedBy").asText()).isEqualTo("bob");
        assertThat(job1.get("StatusFlag").asText()).isEqualTo("SUCCEEDED");
        CliTest.Result list = run(store.with("jobs", "list", "--category", "RAW"));
        assertThat(list.out()).contains("2 jobs in").containsPattern("JOB2 +RAW +MONDAY,TUESDAY +YES +SUCCEEDED");
        assertThat(run(store.with("jobs", "delete", "JOB9", "--if-version", "2"))
                        .status())
                .isEqualTo(1);
        assertThat(run(store.with("jobs", "delete", "JOB9", "--if-version", "1"))
                        .out())
                .contains("JOB9 deleted");
        assertThat(run(store.with("jobs", "get", "JOB9")).status()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void shouldRoundTripAnExport_andRefuseItsReimport_afterSomeoneElsesEdit(Named store) throws IOException {
        run(store.with("init"));
        run(store.with("jobs", "import", RETAIL));
        Path exported = dir.resolve(UUID.randomUUID() + ".json");
        assertThat(run(store.with("jobs", "export", "--out", exported.toString()))
                        .status())
                .isZero();

        assertThat(run(store.with("jobs", "import", exported.toString())).out()).contains("19 unchanged");
        run(store.with("jobs", "put", "ref_stores", "--run-condition", "DAY_2"));
        CliTest.Result stale = run(store.with("jobs", "import", exported.toString()));

        assertThat(stale.status()).isEqualTo(1);
        assertThat(stale.err()).contains("ref_stores: expected version 1 but it is version 2");
        assertThat(run(store.with("jobs", "export")).out()).startsWith("JobName,Environment,JobCategory");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void shouldKeepCategoriesAcyclic_andValidateAgainstThem(Named store) throws IOException {
        run(store.with("init"));
        run(store.with("jobs", "import", RETAIL));
        assertThat(run(store.with("categories", "import", RETAIL_CATEGORIES)).out())
                .contains("4 created, 0 updated, 0 unchanged, 0 deleted (categories version 1)");

        CliTest.Result cycle = run(store.with("categories", "put", "RAW", "--depends-on", "MART"));
        CliTest.Result inUse = run(store.with("categories", "delete", "STG"));
        CliTest.Result list = run(store.with("categories", "list"));
        CliTest.Result validate = run(store.with("validate"));

        assertThat(cycle.status()).isEqualTo(1);
        assertThat(cycle.err()).contains("RAW → STG → MART → RAW");
        assertThat(inUse.status()).isEqualTo(1);
        assertThat(list.out()).contains("4 categories").containsPattern("STG +RAW, REF +10");
        JsonNode put = run(store.with("categories", "put", "REF", "--max-concurrency", "8", "--format", "json"))
                .json();
        assertThat(put.get("updated").asInt()).isEqualTo(1);
        assertThat(put.get("version").asInt()).isEqualTo(2);
        assertThat(validate.status()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("19 rows, 4 categories");
    }

    @org.junit.jupiter.api.Test
    void shouldSayToRunInit_whenTheDynamoDbTablesDoNotExist() {
        Named store = Named.dynamodb();

        CliTest.Result list = run(store.with("jobs", "list"));
        CliTest.Result plan = run(store.with("plan", "--category", "RAW"));

        assertThat(list.status()).isEqualTo(2);
        assertThat(list.err()).contains("does not exist").contains("create the store with switchyard init");
        assertThat(plan.status()).isEqualTo(2);
        assertThat(plan.err()).contains("create the store with switchyard init");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void shouldSayWhichJobOrCategoryIsMissing_andWriteNothing(Named store) throws IOException {
        run(store.with("init"));

        CliTest.Result delete = run(store.with("jobs", "delete", "GHOST"));
        CliTest.Result skip = run(store.with("jobs", "skip", "GHOST"));
        CliTest.Result category = run(store.with("categories", "delete", "NOPE"));

        assertThat(delete.status()).isEqualTo(1);
        assertThat(delete.err()).isEqualTo("switchyard: no job GHOST in the control table\n");
        assertThat(skip.status()).isEqualTo(1);
        assertThat(category.status()).isEqualTo(1);
        assertThat(category.err()).contains("no category NOPE is defined");
        assertThat(run(store.with("jobs", "list", "--format", "json")).json()).isEmpty();
    }
}
