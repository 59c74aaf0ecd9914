package dev.switchyard.contracts.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.attr.Attr;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SkipFlag, StatusFlag and LastRunTimestamp as operators and the seed table write them. */
class ColumnValuesTest {

    @ParameterizedTest
    @CsvSource({
        "YES,true",
        "yes,true",
        "Y,true",
        "true,true",
        "TRUE,true",
        "NO,false",
        "n,false",
        "False,false",
        "' no ',false"
    })
    void skipFlagAcceptsEveryDocumentedSpelling(String text, boolean skipped) {
        assertThat(SkipFlag.isSkipped(new Attr.S(text))).isEqualTo(skipped);
    }

    @Test
    void skipFlagMissingEmptyOrBooleanIsUnderstood() {
        assertThat(SkipFlag.isSkipped(null)).isFalse();
        assertThat(SkipFlag.isSkipped(new Attr.S(""))).isFalse();
        assertThat(SkipFlag.isSkipped(new Attr.Bool(true))).isTrue();
        assertThat(SkipFlag.isSkipped(new Attr.Bool(false))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAYBE", "1", "SKIP", "yes please"})
    void skipFlagRefusesAnythingElseNamingTheText(String text) {
        assertThatThrownBy(() -> SkipFlag.isSkipped(new Attr.S(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
        assertThatThrownBy(() -> SkipFlag.isSkipped(new Attr.N("1"))).hasMessageContaining("found a N value");
    }

    @ParameterizedTest
    @CsvSource({"success,SUCCEEDED", "failure,FAILED", "SUCCEEDED,SUCCEEDED", "running,RUNNING", "Timeout,TIMEOUT"})
    void statusFlagReadsGlueStatesAndLegacyValues(String text, JobRunState state) {
        assertThat(JobRunState.parse(text)).contains(state);
    }

    @Test
    void onlyEndedStatesAreTerminal() {
        assertThat(JobRunState.parse("done")).isEmpty();
        assertThat(JobRunState.SUCCEEDED.isTerminal()).isTrue();
        assertThat(JobRunState.STOPPED.isTerminal()).isTrue();
        assertThat(JobRunState.STOPPING.isTerminal()).isFalse();
        assertThat(JobRunState.WAITING.isTerminal()).isFalse();
    }

    @Test
    void lastRunTimestampReadsBothFormsAndWritesSecondsWithZ() {
        assertThat(Timestamps.parse("2026-10-25-T08:00:00Z")).contains(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(Timestamps.parse("2026-11-30T08:05:12Z")).contains(Instant.parse("2026-11-30T08:05:12Z"));
        assertThat(Timestamps.parse("2026-11-30")).isEmpty();
        assertThat(Timestamps.format(Instant.parse("2026-11-30T08:05:12.987Z"))).isEqualTo("2026-11-30T08:05:12Z");
    }
}
