package dev.switchyard.contracts.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.switchyard.contracts.Problem;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.files.FileFormat;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.RowFiles;
import dev.switchyard.contracts.table.ControlTableItem;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static Loaded<ControlTableItem> table(String csv) {
        return Loaded.decode(
                "table.csv",
                RowFiles.read("table.csv", FileFormat.CSV, new StringReader(csv)),
                ControlTableItem::fromAttributes);
    }

    private static Loaded<CategoryDefinition> categories(String csv) {
        return Loaded.decode(
                "categories.csv",
                RowFiles.read("categories.csv", FileFormat.CSV, new StringReader(csv)),
                CategoryDefinition::fromAttributes);
    }

    @Test
    void shouldAcceptTheSeedTable_warningThatASkippedJobHasNoRunCondition() {
        List<Problem> problems = Validator.validate(table("""
                        JobName,JobCategory,RunCondition,SkipFlag,StatusFlag,LastRunTimestamp
                        JOB1,RAW,"MONDAY,TUESDAY",NO,success,2026-10-25-T08:00:00Z
                        JOB3,STG,,YES,,
                        """), Optional.empty());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("RunCondition");
            assertThat(p.isError()).isFalse();
            assertThat(p.reason()).contains("the job is skipped");
        });
    }

    @Test
    void shouldReportEveryInvalidRowWithJobColumnTextAndReason() {
        List<Problem> problems = Validator.validate(table("""
                        JobName,JobCategory,RunCondition,SkipFlag
                        a,RAW,"MON,,TUE",NO
                        b,RAW,DAILY,MAYBE
                        c,RAW,DAILY,NO
                        a,RAW,DAILY,NO
                        d,RWA,DAILY,NO
                        e,STG,cron(0 0 * * * *),NO
                        """), Optional.of(categories("""
                        Category,DependsOn,MaxConcurrency
                        RAW,,5
                        STG,RAW,
                        """)));
        assertThat(problems)
                .extracting(p -> p.location().line(), Problem::subject, Problem::column, Problem::text)
                .containsExactly(
                        tuple(2, "a", "RunCondition", "MON,,TUE"),
                        tuple(3, "b", "SkipFlag", "MAYBE"),
                        tuple(5, "a", "JobName", "a"),
                        tuple(6, "d", "JobCategory", "RWA"),
                        tuple(7, "e", "RunCondition", "cron(0 0 * * * *)"));
        assertThat(problems.get(0).reason()).contains("empty term").contains("position 5");
        assertThat(problems.get(2).reason()).contains("unique").contains("table.csv:2");
        assertThat(problems.get(3).reason()).contains("not defined in categories.csv");
    }

    @Test
    void shouldPlaceCategoryProblemsAtTheirRows() {
        List<Problem> problems = Validator.validate(
                table("JobName,JobCategory,RunCondition\na,RAW,DAILY\n"), Optional.of(categories("""
                        Category,DependsOn,MaxConcurrency
                        RAW,MART,
                        STG,RAW,
                        MART,"STG,NOPE",
                        RAW,,
                        """)));
        assertThat(problems)
                .extracting(p -> p.location().line(), Problem::reason)
                .containsExactlyInAnyOrder(
                        tuple(4, "category MART depends on NOPE, which is not defined"),
                        tuple(5, "category RAW is defined twice"),
                        tuple(2, "dependency cycle: RAW → STG → MART → RAW"));
    }
}
