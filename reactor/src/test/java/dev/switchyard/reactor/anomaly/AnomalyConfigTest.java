package dev.switchyard.reactor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnomalyConfigTest {
    private static final AnomalyConfig D = AnomalyConfig.defaults();

    @Test
    void shouldDefaultToTheEvaluatedThresholds() {
        assertThat(D.threshold()).isEqualTo(3.5);
        assertThat(D.window()).isEqualTo(30);
        assertThat(D.minRuns()).isEqualTo(10);
        assertThat(D.minDeviationSeconds()).isEqualTo(30);
        assertThat(D.minRatio()).isEqualTo(2);
        assertThat(D.scale()).isEqualTo(AnomalyConfig.Scale.LOG);
        assertThat(D.judgeUnsuccessful()).isFalse();
        assertThat(D.seasonal()).isTrue();
    }

    @Test
    void shouldRefuseValuesThatCannotJudgeAnything() {
        assertThatThrownBy(() -> D.withThreshold(0)).hasMessage("threshold must be a positive number, not 0.0");
        assertThatThrownBy(() -> D.withThreshold(Double.NaN)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> D.withRuns(0, 0)).hasMessage("window must be at least 1 run, not 0");
        assertThatThrownBy(() -> D.withRuns(30, 31))
                .hasMessage("minRuns must be between 1 and the window (30), not 31");
        assertThatThrownBy(() -> D.withFloors(-1, 2)).hasMessage("minDeviationSeconds must not be negative, not -1");
        assertThatThrownBy(() -> D.withFloors(30, 0.5)).hasMessage("minRatio must be a number of at least 1, not 0.5");
        assertThatThrownBy(() -> D.withScale(null)).isInstanceOf(NullPointerException.class);
    }
}
