package dev.switchyard.reactor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchyard.reactor.anomaly.AnomalyConfig.Scale;
import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void shouldTakeTheMiddleValue_ofAnOddCount() {
        assertThat(Baseline.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Baseline.median(new double[] {7})).isEqualTo(7);
    }

    @Test
    void shouldAverageTheTwoMiddleValues_ofAnEvenCount() {
        assertThat(Baseline.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Baseline.median(new double[] {10, 20})).isEqualTo(15);
    }

    @Test
    void shouldLeaveItsArgumentUnsorted() {
        double[] values = {3, 1, 2};

        Baseline.median(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void shouldComputeTheMad_ofTheTextbookExample() {
        // 1 1 2 2 4 6 9: median 2, deviations 1 1 0 0 2 4 7, whose median is 1.
        assertThat(Baseline.mad(new double[] {1, 1, 2, 2, 4, 6, 9}, 2)).isEqualTo(1);
    }

    @Test
    void shouldComputeTheMad_ofAnEvenCount() {
        // median 2.5, deviations 1.5 0.5 0.5 1.5
        assertThat(Baseline.mad(new double[] {1, 2, 3, 4}, 2.5)).isEqualTo(1);
    }

    @Test
    void shouldIgnoreOneWildValue_whereAMeanWouldNot() {
        Baseline b = Baseline.of(new long[] {100, 101, 99, 102, 98, 100_000}, Scale.LINEAR);

        assertThat(b.medianSeconds()).isEqualTo(100.5);
        assertThat(b.madSeconds()).isEqualTo(1.5);
    }

    @Test
    void shouldScoreInRobustStandardDeviations_onTheLinearScale() {
        Baseline b = Baseline.of(new long[] {100, 110, 90, 105, 95}, Scale.LINEAR);

        assertThat(b.runs()).isEqualTo(5);
        assertThat(b.medianSeconds()).isEqualTo(100);
        assertThat(b.madSeconds()).isEqualTo(5);
        assertThat(b.score(130)).isCloseTo(30 / (1.4826 * 5), within(1e-12));
        assertThat(b.score(80)).isCloseTo(-20 / (1.4826 * 5), within(1e-12));
    }

    @Test
    void shouldScoreRatios_onTheLogScale() {
        Baseline b = Baseline.of(new long[] {50, 100, 200}, Scale.LOG);

        assertThat(b.medianSeconds()).isEqualTo(100);
        assertThat(b.madSeconds()).isEqualTo(50);
        assertThat(b.center()).isCloseTo(Math.log(100), within(1e-12));
        assertThat(b.spread()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(b.score(400))
                .as("twice as slow and half the time are equally far")
                .isCloseTo(-b.score(25), within(1e-12));
        assertThat(b.score(400)).isCloseTo(2 / 1.4826, within(1e-12));
    }

    @Test
    void shouldKeepTheScoreFinite_whenEveryRunTookTheSameTime() {
        Baseline log = Baseline.of(new long[] {600, 600, 600}, Scale.LOG);
        Baseline linear = Baseline.of(new long[] {600, 600, 600}, Scale.LINEAR);

        assertThat(log.madSeconds()).isZero();
        assertThat(log.spread()).isEqualTo(0.01);
        assertThat(linear.spread()).isEqualTo(6);
        assertThat(log.score(601)).isFinite().isPositive();
        assertThat(log.score(0)).as("0 s counts as 1 s").isFinite().isNegative();
    }

    @Test
    void shouldRefuseNoDurations() {
        assertThatThrownBy(() -> Baseline.of(new long[0], Scale.LOG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a baseline needs at least one duration");
        assertThatThrownBy(() -> Baseline.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
