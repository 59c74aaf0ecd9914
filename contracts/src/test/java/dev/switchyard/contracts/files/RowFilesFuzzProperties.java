package dev.switchyard.contracts.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.table.ControlTableItem;
import java.io.StringReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A damaged file gives rows with problems or one error naming where reading stopped: never another
 * exception, never a row lost without a word.
 */
class RowFilesFuzzProperties {
    private static final String CSV = """
            JobName,JobCategory,RunCondition,SkipFlag
            a,RAW,"MON,TUE",NO
            b,RAW,DAILY,YES
            """;
    private static final String JSON = """
            [{"JobName": "a", "JobCategory": "RAW", "RunCondition": "MON", "Retries": 3, "Ratio": 1.5},
             {"JobName": "b", "JobCategory": "RAW", "SkipFlag": true, "Tags": ["x", {"y": null}]}]
            """;
    private static final String YAML = """
            - JobName: a
              JobCategory: RAW
              RunCondition: "MON,TUE"
              Retries: 3
            - JobName: b
              JobCategory: RAW
              SkipFlag: true
              Ratio: .inf
            """;

    /** The sample with a few characters replaced, inserted or cut off. */
    private static Arbitrary<String> damaged(String sample) {
        Arbitrary<String> junk =
                Arbitraries.strings().withChars("\",\n\r{}[]:-#'\\ aé1.e+").ofMaxLength(3);
        return Arbitraries.integers()
                .between(0, sample.length())
                .flatMap(at -> Arbitraries.integers()
                        .between(0, 3)
                        .flatMap(cut -> junk.map(j ->
                                sample.substring(0, at) + j + sample.substring(Math.min(sample.length(), at + cut)))));
    }

    @Provide
    Arbitrary<String> csv() {
        return damaged(CSV);
    }

    @Provide
    Arbitrary<String> json() {
        return damaged(JSON);
    }

    @Provide
    Arbitrary<String> yaml() {
        return damaged(YAML);
    }

    private static void readsOrFailsClearly(FileFormat format, String text) {
        try {
            Loaded<ControlTableItem> loaded = Loaded.decode(
                    "f", RowFiles.read("f", format, new StringReader(text)), ControlTableItem::fromAttributes);
            int reported = loaded.rows().size() + loaded.rowlessProblems().size();
            assertThat(reported).as("every record is a row or a problem").isGreaterThanOrEqualTo(0);
            loaded.problems(ControlTableItem.JOB_NAME)
                    .forEach(p -> assertThat(p.location().source()).isEqualTo("f"));
        } catch (FileFormatException e) {
            assertThat(e.getMessage()).startsWith("f");
        }
    }

    @Property(tries = 3000)
    void damagedCsvReadsOrFailsClearly(@ForAll("csv") String text) {
        readsOrFailsClearly(FileFormat.CSV, text);
    }

    @Property(tries = 3000)
    void damagedJsonReadsOrFailsClearly(@ForAll("json") String text) {
        readsOrFailsClearly(FileFormat.JSON, text);
    }

    @Property(tries = 3000)
    void damagedYamlReadsOrFailsClearly(@ForAll("yaml") String text) {
        readsOrFailsClearly(FileFormat.YAML, text);
    }
}
