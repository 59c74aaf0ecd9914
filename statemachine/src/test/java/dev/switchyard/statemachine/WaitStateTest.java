package dev.switchyard.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wait states wait through the injected Sleeper, measured against the injected Clock. */
class WaitStateTest {
    private final Asl.Harness harness = new Asl.Harness();

    private ExecutionResult waitFor(String field, String input) {
        return harness.run(Asl.single("{\"Type\": \"Wait\", " + field + ", \"End\": true}"), input);
    }

    @Test
    void shouldWaitTheGivenSeconds_andPassTheInputOn() {
        ExecutionResult result = waitFor("\"Seconds\": 10", "{\"a\": 1}");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(10));
        assertThat(result.output()).isEqualTo(Asl.json("{\"a\": 1}"));
    }

    @Test
    void shouldWaitTheSecondsTheInputGives() {
        waitFor("\"SecondsPath\": \"$.wait\"", "{\"wait\": 7}");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void shouldWaitUntilTheTimestamp_fromTheClocksNow() {
        waitFor("\"Timestamp\": \"2026-11-30T06:01:30Z\"", "{}");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void shouldWaitUntilTheTimestampTheInputGives() {
        waitFor("\"TimestampPath\": \"$.until\"", "{\"until\": \"2026-11-30T08:00:00+01:00\"}");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofHours(1));
    }

    @Test
    void shouldNotWait_whenTheTimestampHasPassed() {
        ExecutionResult result = waitFor("\"Timestamp\": \"2020-01-01T00:00:00Z\"", "{}");

        assertThat(result.succeeded()).isTrue();
        assertThat(harness.sleeper.waits()).isEmpty();
    }

    @Test
    void shouldFailWithStatesRuntime_whenSecondsPathIsNotANumber() {
        assertThat(waitFor("\"SecondsPath\": \"$.wait\"", "{\"wait\": \"soon\"}")
                        .error())
                .isEqualTo("States.Runtime");
    }
}
