package dev.switchyard.cli;

import dev.switchyard.aws.AwsClients;
import dev.switchyard.aws.StepFunctionsStarter;
import dev.switchyard.kafka.KafkaSinks;
import dev.switchyard.local.LocalOptions;
import dev.switchyard.local.LocalOrchestrator;
import dev.switchyard.local.LocalProject;
import dev.switchyard.local.RunReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code switchyard run}: a category run through the state machine definition, locally or on AWS (SPEC §7). */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs category CATEGORY for a date through the state machine definition (infra/statemachine.asl.json),"
                    + " on this machine: the jobs of DIR/jobs.yaml stand in for Glue, and the reactor keeps statuses"
                    + " and history and chains the downstream categories, which then run too, until nothing is left.",
            "",
            "Each run starts from the project's files: a new store (run.db in DIR/.switchyard) is loaded from"
                    + " control-table.* and categories.*, so an edited row is followed at once; it keeps the job runs the"
                    + " earlier store recorded, for usual durations and anomalies. Metrics and audit"
                    + " entries are appended to metrics.jsonl and audit.jsonl there, and each job run's output goes"
                    + " to logs/JOB/RUN_ID.log there. A failed job blocks its category run and what depends on it;"
                    + " 'switchyard rerun' re-runs the failed jobs. Ctrl-C stops the run: running jobs are killed"
                    + " and recorded STOPPED.",
            "With --aws, starts the deployed state machine instead (execution CATEGORY-DATE, idempotent) and prints"
                    + " its ARN.",
        },
        footer = {
            "",
            "Exit status: 0 when every execution succeeded and its category run is complete, 1 otherwise, 2 for bad"
                    + " arguments or files; stopped by Ctrl-C, the shell's 130 (143 for SIGTERM).",
            "",
            "Examples:",
            "  switchyard run RAW --project examples/demo",
            "  switchyard run RAW --project examples/demo --date 2026-11-30 --format json",
            "  switchyard run RAW --aws --state-machine ARN --date 2026-11-30",
            "      (ARN: the stack's StateMachineArn output)",
            "",
        })
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "CATEGORY", description = "The category to run, e.g. RAW.")
    private String category;

    @Mixin
    private RunOptions options;

    @Option(names = "--aws", description = "Start the deployed state machine (see --state-machine) instead.")
    private boolean aws;

    @Option(
            names = "--state-machine",
            paramLabel = "ARN",
            description = "The deployed state machine's ARN (with --aws); the stack's StateMachineArn output.")
    private String stateMachine;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: from the environment).")
    private String region;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (aws) {
            List<String> local = Stream.of(
                            "--project",
                            "--definition",
                            "--metrics-file",
                            "--audit-file",
                            "--max-local-concurrency",
                            "--dashboard")
                    .filter(spec.commandLine().getParseResult()::hasMatchedOption)
                    .toList();
            if (!local.isEmpty()) {
                throw new UserError(String.join(", ", local) + " " + (local.size() == 1 ? "is" : "are")
                        + " for local runs; with --aws the deployed state machine runs the deployed definition");
            }
            return startOnAws();
        }
        if (stateMachine != null) {
            throw new UserError("--state-machine is for --aws; without it the run is local");
        }
        return options.runLocally(main, category, false);
    }

    private int startOnAws() {
        if (stateMachine == null) {
            throw new UserError("--aws needs --state-machine ARN (the stack's StateMachineArn output)");
        }
        LocalDate date =
                options.date != null ? options.date : LocalDate.now(main.clock().withZone(options.zone));
        String arn;
        try {
            arn = new StepFunctionsStarter(
                            AwsClients.stepFunctions(AwsClients.Settings.DEFAULT.withRegion(region)),
                            stateMachine,
                            "switchyard-cli")
                    .start(category, date, null);
        } catch (IllegalArgumentException e) {
            throw new UserError("--state-machine: " + e.getMessage());
        }
        if (options.format.json()) {
            main.out()
                    .println("{\"executionArn\":\"" + arn + "\",\"Category\":\"" + category + "\",\"RunDate\":\"" + date
                            + "\"}");
        } else {
            // StartExecution is idempotent by name: the execution may have been started before.
            main.out()
                    .printf(
                            "%s for %s on AWS: execution %s (started now, or before under this name)%n",
                            category, date, arn);
        }
        return 0;
    }

    /** Options shared by {@code run} and {@code rerun}. */
    static final class RunOptions {
        @Option(
                names = "--project",
                paramLabel = "DIR",
                defaultValue = ".",
                description = "The project: control-table.*, categories.*, jobs.yaml (default: the current directory).")
        Path project;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The run date (default: today in --zone).")
        LocalDate date;

        @Option(
                names = "--zone",
                paramLabel = "ZONE",
                defaultValue = "UTC",
                description = "Where 'today' is (default: ${DEFAULT-VALUE}).")
        ZoneId zone;

        @Option(
                names = "--definition",
                paramLabel = "FILE",
                description = "Another state machine definition to run (default: the deployed one,"
                        + " infra/statemachine.asl.json).")
        Path definition;

        @Option(
                names = "--metrics-file",
                paramLabel = "FILE",
                description = "Append job-run metrics here (default: metrics.jsonl in DIR/.switchyard).")
        Path metricsFile;

        @Option(
                names = "--audit-file",
                paramLabel = "FILE",
                description = "Append audit entries here (default: audit.jsonl in DIR/.switchyard).")
        Path auditFile;

        @Option(
                names = "--max-local-concurrency",
                paramLabel = "N",
                defaultValue = "64",
                description =
                        "At most N jobs at once on this machine, whatever a category's MaxConcurrency says"
                                + " (each running job is a process; Step Functions runs 40 at most) (default: ${DEFAULT-VALUE}).")
        int maxLocalConcurrency;

        @Option(
                names = "--dashboard",
                arity = "0..1",
                fallbackValue = "8080",
                paramLabel = "PORT",
                description = "Serve the status page of the run's store on 127.0.0.1 while it runs, and after it until"
                        + " Ctrl-C (PORT default: 8080; 0 for any free one). Read-only.")
        Integer dashboard;

        @Mixin
        KafkaOptions kafka;

        @Mixin
        FormatOption format;

        int runLocally(Main main, String category, boolean rerun) {
            if (maxLocalConcurrency < 1) {
                throw new UserError("--max-local-concurrency must be at least 1, not " + maxLocalConcurrency);
            }
            LocalProject project;
            try {
                project = LocalProject.at(this.project);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            // Before the run replaces the project's store: a port in use must not cost the last run's store.
            checkDashboardPort();
            RunReport report;
            Dashboard page = null;
            try {
                Optional<KafkaSinks> toKafka = kafka.open(main.err());
                try {
                    LocalOptions settings = LocalOptions.defaults()
                            .withZone(zone)
                            .withDefinition(definition)
                            .withSinks(metricsFile, auditFile)
                            .withConcurrencyCap(maxLocalConcurrency);
                    if (toKafka.isPresent()) {
                        settings = settings.withMoreSinks(
                                toKafka.get().metrics(), toKafka.get().audit());
                    }
                    RunOutput output = new RunOutput(main.out(), main.err(), format.json(), maxLocalConcurrency);
                    try (LocalOrchestrator orchestrator = open(project, category, settings, output, rerun)) {
                        page = dashboard(main, project);
                        // The default date comes from the command's clock; the run itself is timed by the real one.
                        LocalDate runDate =
                                date != null ? date : LocalDate.now(main.clock().withZone(zone));
                        report = orchestrator.run(category, runDate, rerun);
                        // Before closing: a run stopped by Ctrl-C has until the close to say what it did.
                        output.summary(project, report);
                    }
                } finally {
                    toKafka.ifPresent(KafkaSinks::close);
                }
                if (page != null) {
                    // The run is closed, and its Ctrl-C handling with it: Ctrl-C now just ends the command.
                    main.err()
                            .printf(
                                    "The run has ended; the dashboard stays at %s until Ctrl-C.%n",
                                    page.server().uri());
                    main.err().flush();
                    awaitCtrlC();
                }
            } finally {
                if (page != null) {
                    page.close();
                }
            }
            return report.succeeded() ? 0 : 1;
        }

        private void checkDashboardPort() {
            if (dashboard == null || dashboard == 0) {
                return;
            }
            if (dashboard < 0 || dashboard > 65_535) {
                throw new UserError("--dashboard " + dashboard + " is not a port between 0 and 65535");
            }
            try (java.net.ServerSocket probe =
                    new java.net.ServerSocket(dashboard, 1, java.net.InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (java.io.IOException e) {
                throw new UserError("--dashboard: cannot listen on 127.0.0.1:" + dashboard + " (" + e.getMessage()
                        + "); choose another port, or --dashboard=0 for any free one");
            }
        }

        /** The read-only dashboard of the run's store, with {@code --dashboard}; else null. */
        private Dashboard dashboard(Main main, LocalProject project) {
            if (dashboard == null) {
                return null;
            }
            TableOption store = new TableOption();
            store.table = "sqlite:" + project.stateDir().resolve(LocalOrchestrator.STORE_FILE);
            DashboardCommand.DashboardOptions options = new DashboardCommand.DashboardOptions();
            options.port = dashboard;
            options.bind = "127.0.0.1";
            options.refreshSeconds = 1;
            Dashboard page = Dashboard.open(store, main, zone, options, false, null, null);
            // Standard error: standard output is the run's, which --format json keeps to JSON.
            page.announce(main.err(), false);
            return page;
        }

        private static void awaitCtrlC() {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static LocalOrchestrator open(
                LocalProject project, String category, LocalOptions settings, RunOutput output, boolean rerun) {
            try {
                return rerun
                        ? LocalOrchestrator.resume(project, settings, output)
                        : LocalOrchestrator.fresh(project, category, settings, output);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }
}
