package dev.switchyard.reactor.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Execution names: Step Functions' alphabet and length, one per category and date, none shared. */
class ExecutionNameTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 30);

    @Test
    void shouldKeepASafeName_andTellApartNamesThatOnlySanitizingWouldMerge() {
        assertThat(ExecutionStarter.executionName("RAW", D)).isEqualTo("RAW-2026-11-30");
        assertThat(ExecutionStarter.executionName("Daily Sales", D))
                .startsWith("Daily_Sales-")
                .isNotEqualTo(ExecutionStarter.executionName("Daily_Sales", D))
                .isNotEqualTo(ExecutionStarter.executionName("Daily.Sales", D));
    }

    @Property(tries = 500)
    void shouldFitStepFunctions_andDifferForDifferentCategories(
            @ForAll @StringLength(min = 1, max = 200) String a, @ForAll @StringLength(min = 1, max = 200) String b) {
        String name = ExecutionStarter.executionName(a, D);

        assertThat(name).matches("[A-Za-z0-9_-]{1,80}");
        assertThat(ExecutionStarter.executionName(a, D)).isEqualTo(name);
        if (!a.equals(b)) {
            assertThat(ExecutionStarter.executionName(b, D)).isNotEqualTo(name);
        }
    }
}
