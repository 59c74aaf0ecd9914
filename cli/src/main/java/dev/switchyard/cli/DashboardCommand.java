package dev.switchyard.cli;

import dev.switchyard.dashboard.DashboardServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code switchyard dashboard}: the status page and its JSON API over a store (issue 7). */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves a live status page of a store: for a business date, each category's plan (what runs and why),"
                    + " each job's StatusFlag, LastRunTimestamp, and last duration against its usual one with a chart of"
                    + " its recent runs, the anomalies, the blocked category runs and what blocks them, and the chain of"
                    + " categories. The page updates itself; the JSON API behind it is read-only (README, 'The dashboard').",
            "",
            "It listens on 127.0.0.1 only, unless --bind says otherwise. Nothing can be changed from it unless it is"
                    + " started with --allow-actions: then skip, unskip and re-run failed are offered, and each needs the"
                    + " token (SWITCHYARD_DASHBOARD_TOKEN, or one made up and printed in the page's address).",
            "Runs until Ctrl-C.",
        },
        footer = {
            "",
            "Examples:",
            "  switchyard dashboard --table sqlite:examples/demo/.switchyard/run.db",
            "  switchyard dashboard --table dynamodb:glue-control --region eu-west-1 --port 9000",
            "  switchyard dashboard --table sqlite:examples/demo/.switchyard/run.db --project examples/demo"
                    + " --allow-actions",
            "  switchyard dashboard --table dynamodb:glue-control --region eu-west-1 --allow-actions --state-machine ARN",
            "",
        })
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private TableOption table;

    @Mixin
    private DashboardOptions dashboard;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "Where 'today' is, the date the page opens on (default: ${DEFAULT-VALUE}).")
    private ZoneId zone;

    @Option(
            names = "--allow-actions",
            description = "Offer skip, unskip and re-run failed, each with the token (see above). Off by default.")
    private boolean allowActions;

    @Option(
            names = "--project",
            paramLabel = "DIR",
            description = "With --allow-actions on the embedded store: the project whose jobs a re-run runs on this"
                    + " machine (its DIR/.switchyard/run.db must be the --table).")
    private Path project;

    @Option(
            names = "--state-machine",
            paramLabel = "ARN",
            description = "With --allow-actions on DynamoDB: the deployed state machine (the stack's StateMachineArn"
                    + " output) a re-run starts, as an execution with \"Rerun\": true, in --region.")
    private String stateMachine;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        if ((project != null || stateMachine != null) && !allowActions) {
            throw new UserError((project != null ? "--project" : "--state-machine")
                    + " is for re-running from the page, which needs --allow-actions");
        }
        if (project != null && stateMachine != null) {
            throw new UserError("--project re-runs on this machine and --state-machine on AWS; give one");
        }
        try (Dashboard running = Dashboard.open(table, main, zone, dashboard, allowActions, project, stateMachine)) {
            running.announce(main.out(), format.json());
            // Until Ctrl-C: the JVM's shutdown ends the wait, and the server with it (or, embedded, an interrupt).
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The options {@code dashboard} and {@code run --dashboard} share. */
    static final class DashboardOptions {
        @Option(
                names = "--port",
                paramLabel = "PORT",
                defaultValue = "8080",
                description = "The port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(
                names = "--bind",
                paramLabel = "ADDRESS",
                defaultValue = "127.0.0.1",
                description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only). Another"
                        + " address lets whoever reaches it read the page.")
        String bind;

        @Option(
                names = "--allowed-host",
                paramLabel = "NAME",
                description = "A name the page may be opened by besides this machine's (localhost, its addresses;"
                        + " with a wildcard --bind, its host name): a request naming another Host is refused, so"
                        + " that no other web site can read the page. Repeatable.")
        java.util.List<String> allowedHosts = new java.util.ArrayList<>();

        @Option(
                names = "--refresh",
                paramLabel = "SECONDS",
                defaultValue = "2",
                description = "How often the store is read while a page is open (default: ${DEFAULT-VALUE}); on"
                        + " DynamoDB each read is a scan of the control table.")
        double refreshSeconds;

        DashboardServer.Settings settings(Main main) {
            if (port < 0 || port > 65_535) {
                throw new UserError("--port " + port + " is not between 0 and 65535");
            }
            if (!(refreshSeconds >= 0.5 && refreshSeconds <= 3600)) {
                throw new UserError("--refresh " + refreshSeconds + " is not between 0.5 and 3600 seconds");
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw new UserError("--bind " + bind + " is not an address of this machine");
            }
            return DashboardServer.Settings.loopback(port, main.clock())
                    .withBind(address)
                    .withAllowedHosts(java.util.Set.copyOf(allowedHosts))
                    .withRefresh(Duration.ofMillis(Math.round(refreshSeconds * 1000)));
        }
    }
}
