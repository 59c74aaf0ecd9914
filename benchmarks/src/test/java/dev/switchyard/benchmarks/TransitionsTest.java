package dev.switchyard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.statemachine.ExecutionResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 5's bar: Switchyard's definition bills at most a third of the seed design's transitions per job run. */
class TransitionsTest {
    static final Path SEED = Path.of("seed-design.asl.json");

    @Test
    void shouldBillAtMostAThirdOfTheSeedDesignFor1000Jobs() throws Exception {
        Transitions.Count ours = Transitions.switchyard(1_000, 0);
        Transitions.Count seed = Transitions.seed(1_000, 0, SEED);

        assertThat(ours.result().status())
                .as(ours.result().error() + ": " + ours.result().cause())
                .isEqualTo(ExecutionResult.Status.SUCCEEDED);
        assertThat(seed.result().status())
                .as(seed.result().error() + ": " + seed.result().cause())
                .isEqualTo(ExecutionResult.Status.SUCCEEDED);
        // Plan, RunJobs, 1,000 × RunJob, Summarize, MoreJobs, Outcome, Done
        assertThat(ours.result().stateTransitions()).isEqualTo(1_006);
        // QueryCategory, ForEachJob, 1,000 × (CheckRunCondition, ShouldRunToday, StartGlueJob, MarkSucceeded)
        assertThat(seed.result().stateTransitions()).isEqualTo(4_002);
        assertThat(ours.perJobRun() * 3).isLessThanOrEqualTo(seed.perJobRun());
    }

    @Test
    void shouldSpendNothingOnJobsThatDoNotRun() throws Exception {
        Transitions.Count ours = Transitions.switchyard(1_000, 100);
        Transitions.Count seed = Transitions.seed(1_000, 100, SEED);
        assertThat(ours.result().stateTransitions()).isEqualTo(906);
        // a job that does not run still costs the seed design its check, its choice and its skip
        assertThat(seed.result().stateTransitions()).isEqualTo(2 + 900 * 4 + 100 * 3);
    }
}
