package dev.switchyard.reactor.ports;

import java.util.List;
import java.util.Optional;

/** Glue's record of job runs: timings and attribution for the reactor, and the truth for reconciliation. */
public interface GlueRuns {

    /** One run ({@code GetJobRun}); empty when Glue does not know it. */
    Optional<GlueRun> jobRun(String jobName, String jobRunId);

    /** A job's latest runs, newest first ({@code GetJobRuns}), at most {@code max}. */
    List<GlueRun> jobRuns(String jobName, int max);

    /** For where Glue cannot be asked (a replay of recorded events): it knows no run. */
    GlueRuns NONE = new GlueRuns() {
        @Override
        public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
            return Optional.empty();
        }

        @Override
        public List<GlueRun> jobRuns(String jobName, int max) {
            return List.of();
        }
    };
}
