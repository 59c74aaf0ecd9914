package dev.switchyard.cli;

import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.dashboard.Operator;
import dev.switchyard.dashboard.StoreOperator;
import dev.switchyard.local.LocalOptions;
import dev.switchyard.local.LocalOrchestrator;
import dev.switchyard.local.LocalProject;
import dev.switchyard.local.RunReport;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.JobColumns;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The dashboard's re-run on the embedded store: {@code switchyard rerun} in the background, one at a time, and
 * only while no job runs (a re-run takes a job the store shows running for one a dead process left, and records
 * it STOPPED).
 */
final class LocalRerunner implements StoreOperator.Rerunner, AutoCloseable {
    private final LocalProject project;
    private final ControlTable control;
    private final ZoneId zone;
    private final PrintWriter log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchyard-dashboard-rerun");
        t.setDaemon(true);
        return t;
    });
    private Future<?> going;

    /** @param control the project's control table, as the dashboard reads it */
    LocalRerunner(LocalProject project, ControlTable control, ZoneId zone, PrintWriter log) {
        this.project = project;
        this.control = control;
        this.zone = zone;
        this.log = log;
    }

    @Override
    public synchronized String rerun(String category, LocalDate date) {
        if (going != null && !going.isDone()) {
            throw new Operator.Refused(409, "a re-run started from this page is still going; wait for it to end");
        }
        List<String> running = running();
        if (!running.isEmpty()) {
            throw new Operator.Refused(
                    409,
                    "jobs are running (" + String.join(", ", running) + "); re-run once they have ended (a job left"
                            + " running by a switchyard that was killed is recorded STOPPED by: switchyard rerun "
                            + category + " --date " + date + " --project " + project.dir() + ")");
        }
        going = worker.submit(() -> {
            LocalOptions options = LocalOptions.defaults().withZone(zone);
            RunOutput output = new RunOutput(log, log, false, options.concurrencyCap());
            try (LocalOrchestrator orchestrator = LocalOrchestrator.resume(project, options, output)) {
                RunReport report = orchestrator.run(category, date, true);
                output.summary(project, report);
            } catch (RuntimeException e) {
                log.println("switchyard: the re-run of " + category + " on " + date + " failed: " + e.getMessage());
                log.flush();
            }
        });
        return "re-running the failed jobs of " + category + " on " + date + " on this machine (project "
                + project.dir() + "); the page follows it";
    }

    /** The jobs the project's store shows going. */
    private List<String> running() {
        return control.all().stream()
                .filter(StoreOperator::going)
                .map(item -> JobColumns.text(item, ControlTableItem.JOB_NAME))
                .sorted()
                .toList();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
