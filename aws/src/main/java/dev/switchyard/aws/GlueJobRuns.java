package dev.switchyard.aws;

import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetJobRunsResponse;
import software.amazon.awssdk.services.glue.model.JobRun;

/** The reactor's view of Glue job runs, read with {@code GetJobRun} and {@code GetJobRuns}. */
public final class GlueJobRuns implements GlueRuns {
    // GetJobRuns takes MaxResults 1..200: https://docs.aws.amazon.com/glue/latest/webapi/API_GetJobRuns.html
    static final int MAX_PAGE = 200;

    private static final Comparator<GlueRun> NEWEST_FIRST =
            Comparator.comparing(GlueRun::startedOn, Comparator.nullsFirst(Comparator.reverseOrder()));

    private final GlueClient glue;

    public GlueJobRuns(GlueClient glue) {
        this.glue = Objects.requireNonNull(glue, "glue");
    }

    @Override
    public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(jobRunId, "jobRunId");
        String what = "GetJobRun of Glue job " + jobName + ", run " + jobRunId;
        try {
            // Predecessors are not needed, and leaving them out keeps the answer small.
            JobRun run = glue.getJobRun(b -> b.jobName(jobName).runId(jobRunId).predecessorsIncluded(false))
                    .jobRun();
            return Optional.ofNullable(run).map(r -> toGlueRun(r, jobName, what));
        } catch (EntityNotFoundException unknown) {
            // Glue answers EntityNotFoundException for an unknown job and for an unknown run of a known job.
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsFailures.translate(e, what);
        }
    }

    @Override
    public List<GlueRun> jobRuns(String jobName, int max) {
        Objects.requireNonNull(jobName, "jobName");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        String what = "GetJobRuns of Glue job " + jobName;
        List<GlueRun> runs = new ArrayList<>();
        String nextToken = null;
        try {
            while (runs.size() < max) {
                String token = nextToken;
                int pageSize = Math.min(max - runs.size(), MAX_PAGE);
                GetJobRunsResponse page = glue.getJobRuns(
                        b -> b.jobName(jobName).maxResults(pageSize).nextToken(token));
                for (JobRun run : page.jobRuns()) {
                    if (runs.size() < max) {
                        runs.add(toGlueRun(run, jobName, what));
                    }
                }
                nextToken = page.nextToken();
                // No token: the last page. The same token again would page forever.
                if (nextToken == null || nextToken.isEmpty() || nextToken.equals(token)) {
                    break;
                }
            }
        } catch (EntityNotFoundException unknown) {
            return List.of();
        } catch (SdkException e) {
            throw AwsFailures.translate(e, what);
        }
        // Glue lists the latest runs first; the stable sort makes "newest first" hold whatever it does.
        runs.sort(NEWEST_FIRST);
        return List.copyOf(runs);
    }

    /** The port's record of an SDK job run; the job name is the one asked for when Glue leaves it out. */
    static GlueRun toGlueRun(JobRun run, String jobName, String what) {
        String state = run.jobRunStateAsString();
        JobRunState parsed = state == null ? null : JobRunState.parse(state).orElse(null);
        if (parsed == null) {
            // A state this code does not know would be guessed at everywhere downstream: say so instead.
            throw new IllegalStateException(
                    what + ": run " + run.id() + " has a JobRunState Switchyard does not know: " + state);
        }
        return new GlueRun(
                run.jobName() == null ? jobName : run.jobName(),
                run.id(),
                parsed,
                run.startedOn(),
                run.completedOn(),
                run.executionTime() == null ? null : run.executionTime().longValue(),
                run.attempt(),
                run.maxCapacity(),
                run.workerTypeAsString(),
                run.numberOfWorkers(),
                run.errorMessage(),
                run.arguments());
    }
}
