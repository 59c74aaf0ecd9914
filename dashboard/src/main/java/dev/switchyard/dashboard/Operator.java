package dev.switchyard.dashboard;

import java.time.LocalDate;

/**
 * The operator actions the dashboard offers when started with them: skip and unskip a job, and re-run the failed
 * jobs of a blocked category run. Each answers a sentence for the person who asked.
 */
public interface Operator {

    /**
     * Sets a job's SkipFlag.
     *
     * @param actor who asked, recorded as UpdatedBy and so in the audit trail
     * @throws Refused naming why, e.g. no such job
     */
    String setSkip(String jobName, boolean skip, String actor);

    /**
     * Re-runs the failed jobs of the category run of {@code category} on {@code date}.
     *
     * @throws Refused naming why, e.g. the run is not blocked, or re-running is not available here
     */
    String rerunFailed(String category, LocalDate date, String actor);

    /** An action that cannot be done, with its HTTP status and the reason in words. */
    final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
