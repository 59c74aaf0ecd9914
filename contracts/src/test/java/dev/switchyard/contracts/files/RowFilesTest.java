package dev.switchyard.contracts.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowFilesTest {
    static final String SEED = """
            JobName,JobCategory,RunCondition,SkipFlag,StatusFlag,LastRunTimestamp
            JOB1,RAW,"MONDAY,TUESDAY",NO,success,2026-10-25-T08:00:00Z
            JOB2,RAW,"MONDAY,TUESDAY",NO,success,2026-10-25-T08:30:00Z
            JOB3,STG,,YES,,
            """;

    private static Loaded<ControlTableItem> table(FileFormat format, String text) {
        return Loaded.decode("t", RowFiles.read("t", format, new StringReader(text)), ControlTableItem::fromAttributes);
    }

    @Test
    void shouldReadTheSeedTableWithItsLegacyValues() {
        Loaded<ControlTableItem> t = table(FileFormat.CSV, SEED);
        assertThat(t.problems(ControlTableItem.JOB_NAME)).isEmpty();
        List<ControlTableItem> items = t.values();
        assertThat(items).extracting(ControlTableItem::jobName).containsExactly("JOB1", "JOB2", "JOB3");
        assertThat(items.getFirst().statusFlag()).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(items.getFirst().lastRunTimestamp()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(items.get(2).runCondition()).isNull();
        assertThat(items.get(2).skipFlag()).isEqualTo(new Attr.S("YES"));
        assertThat(t.rows()).extracting(r -> r.location().line()).containsExactly(2, 3, 4);
    }

    @Test
    void shouldReadJsonAndYamlWithLinesAndKeepUnknownColumns() {
        Loaded<ControlTableItem> json = table(FileFormat.JSON, """
                [
                  {"JobName": "a", "JobCategory": "RAW", "RunCondition": "DAILY", "Owner": {"team": "x"}, "Retries": 3},
                  {"JobName": "b", "JobCategory": "RAW", "SkipFlag": true}
                ]
                """);
        assertThat(json.problems(ControlTableItem.JOB_NAME)).isEmpty();
        assertThat(json.rows()).extracting(r -> r.location().line()).containsExactly(2, 3);
        assertThat(json.values().getFirst().otherColumns())
                .containsEntry("Retries", new Attr.N("3"))
                .containsKey("Owner");
        Loaded<ControlTableItem> yaml = table(FileFormat.YAML, """
                - JobName: a
                  JobCategory: RAW
                  RunCondition: MON-FRI
                - JobName: 2026
                  JobCategory: STG
                  SkipFlag: NO
                """);
        assertThat(yaml.problems(ControlTableItem.JOB_NAME)).isEmpty();
        assertThat(yaml.rows()).extracting(r -> r.location().line()).containsExactly(1, 4);
        assertThat(yaml.values().get(1).jobName()).isEqualTo("2026");
    }

    @Test
    void shouldReportEveryBadRowAndColumn_notOnlyTheFirst() {
        Loaded<ControlTableItem> t = table(FileFormat.CSV, """
                JobName,JobCategory,RunCondition,SkipFlag,StatusFlag,LastRunTimestamp
                JOB1,RAW,DAILY,NO,DONE,yesterday
                ,RAW,DAILY,NO,,
                JOB3,,DAILY,NO,,
                JOB4,RAW,DAILY,NO,,,extra
                JOB5,RAW,DAILY,NO,,
                """);
        List<Problem> problems = t.problems(ControlTableItem.JOB_NAME);
        assertThat(problems)
                .extracting(p -> p.location().line(), Problem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "StatusFlag"),
                        org.assertj.core.groups.Tuple.tuple(2, "LastRunTimestamp"),
                        org.assertj.core.groups.Tuple.tuple(3, "JobName"),
                        org.assertj.core.groups.Tuple.tuple(4, "JobCategory"),
                        org.assertj.core.groups.Tuple.tuple(5, null));
        assertThat(problems.getFirst().subject()).isEqualTo("JOB1");
        assertThat(problems.getFirst().text()).isEqualTo("DONE");
        assertThat(problems.get(4).reason()).contains("7 cells but the header has 6");
        assertThat(t.values()).extracting(ControlTableItem::jobName).containsExactly("JOB5");
    }

    @Test
    void shouldHintAtCase_whenAColumnNameIsMisspelled() {
        Loaded<ControlTableItem> t = table(FileFormat.CSV, "Jobname,JobCategory\nx,RAW\n");
        assertThat(t.problems(ControlTableItem.JOB_NAME).getFirst().reason())
                .contains("JobName is missing")
                .contains("found a column 'Jobname'");
    }

    @Test
    void shouldNameLineAndColumn_whenJsonIsMalformed() {
        assertThatThrownBy(() -> table(FileFormat.JSON, "[\n {\"JobName\": \"a\",\n  \"JobCategory\" \"RAW\"}\n]"))
                .isInstanceOfSatisfying(FileFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isGreaterThan(0);
                });
        assertThatThrownBy(() -> table(FileFormat.JSON, "{\"JobName\": \"a\"}"))
                .hasMessageContaining("expected a list of rows");
        assertThatThrownBy(() -> table(FileFormat.YAML, "- JobName: a\n  JobCategory: [\n"))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("t:");
        assertThatThrownBy(() -> table(FileFormat.CSV, "")).hasMessageContaining("empty");
    }

    @Test
    void shouldReportNumbersOutOfRangeAsARowProblem_andKeepTheOtherRows() {
        Loaded<ControlTableItem> t = table(
                FileFormat.JSON,
                "[{\"JobName\": \"a\", \"JobCategory\": \"RAW\", \"Size\": 1e99999},"
                        + " {\"JobName\": \"b\", \"JobCategory\": \"RAW\", \"Ratio\": 0.10}]");
        assertThat(t.problems(ControlTableItem.JOB_NAME)).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("a");
            assertThat(p.reason()).contains("Size").contains("out of DynamoDB's range");
        });
        assertThat(t.values())
                .singleElement()
                .satisfies(i -> assertThat(i.otherColumns().get("Ratio")).isEqualTo(new Attr.N("0.1")));
        assertThatThrownBy(() -> table(FileFormat.YAML, "- JobName: a\n  JobCategory: RAW\n  Ratio: .inf\n"))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("t:3");
    }

    @Test
    void shouldReportRowsThatAreNotObjects() {
        Loaded<ControlTableItem> t = table(FileFormat.JSON, "[{\"JobName\": \"a\", \"JobCategory\": \"RAW\"}, 42]");
        assertThat(t.problems(ControlTableItem.JOB_NAME))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("row 2 is a number, not an object"));
    }

    @Test
    void shouldChooseTheFormatByExtension(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("table.yml");
        Files.writeString(file, "- JobName: a\n  JobCategory: RAW\n");
        assertThat(TableFiles.readControlTable(file).values()).hasSize(1);
        assertThatThrownBy(() -> FileFormat.of(dir.resolve("table.txt"))).hasMessageContaining("unknown file type");
        assertThatThrownBy(() -> RowFiles.read(dir.resolve("missing.csv"))).hasMessageContaining("no such file");
    }
}
