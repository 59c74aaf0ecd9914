package dev.switchyard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly.Kind;
import dev.switchyard.reactor.anomaly.AnomalyConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6's bar for anomaly detection, on the evaluation's fixed history (200 jobs × 90 days, seed 20261130).
 *
 * <p>The default config scores overall precision 0.97 and recall 0.86 there, and 0.94–0.96 and 0.87–0.90 on seeds 1,
 * 7 and 42; FAST, the rarest kind, is the least steady (precision 0.85–0.93). The floors sit under every seed
 * tried, so they are not tuned to this one, and above each weaker variant of the sweep, so a regression that matters
 * fails: judging without the same-weekday baseline (overall precision 0.83), on the linear scale (FAST recall 0.47),
 * after 5 runs instead of 10 (0.89) or with a ×1.5 floor instead of ×2 (0.92).
 */
class AnomalyEvaluationTest {
    private static AnomalyEvaluation.Scores defaults;

    @BeforeAll
    static void evaluate() {
        AnomalyHistory.History history =
                AnomalyHistory.generate(AnomalyEvaluation.JOBS, AnomalyEvaluation.DAYS, AnomalyEvaluation.SEED);
        defaults = AnomalyEvaluation.evaluate(history, AnomalyConfig.defaults());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldFindMostAnomaliesOfEachKind_andRaiseFewFalseAlarms(Kind kind) {
        AnomalyEvaluation.Count count = defaults.byKind().get(kind);

        assertThat(count.truePositives() + count.falseNegatives())
                .as("injected " + kind)
                .isGreaterThanOrEqualTo(100);
        assertThat(count.precision()).as(kind + " precision").isGreaterThanOrEqualTo(0.80);
        assertThat(count.recall()).as(kind + " recall").isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void shouldKeepOverallPrecisionAndRecall() {
        AnomalyEvaluation.Count overall = defaults.overall();

        assertThat(overall.precision()).isGreaterThanOrEqualTo(0.93);
        assertThat(overall.recall()).isGreaterThanOrEqualTo(0.84);
        assertThat(overall.f1()).isGreaterThanOrEqualTo(0.88);
    }
}
