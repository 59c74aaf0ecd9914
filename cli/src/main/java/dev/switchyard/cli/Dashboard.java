package dev.switchyard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchyard.aws.AwsClients;
import dev.switchyard.aws.StepFunctionsStarter;
import dev.switchyard.contracts.Json;
import dev.switchyard.dashboard.DashboardServer;
import dev.switchyard.dashboard.OverviewReader;
import dev.switchyard.dashboard.StoreOperator;
import dev.switchyard.local.LocalOrchestrator;
import dev.switchyard.local.LocalProject;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/** A dashboard serving a store, as {@code dashboard} and {@code run --dashboard} start it. */
final class Dashboard implements AutoCloseable {
    /** Where the actions' token comes from when it is not made up. */
    static final String TOKEN_VARIABLE = "SWITCHYARD_DASHBOARD_TOKEN";

    private final Store store;
    private final DashboardServer server;
    private final String token;
    private final List<AutoCloseable> resources;

    private Dashboard(Store store, DashboardServer server, String token, List<AutoCloseable> resources) {
        this.store = store;
        this.server = server;
        this.token = token;
        this.resources = resources;
    }

    /**
     * Opens the store and starts serving it.
     *
     * @param project with actions on the embedded store, the project a re-run runs; else null
     * @param stateMachine with actions on DynamoDB, the state machine a re-run starts; else null
     */
    static Dashboard open(
            TableOption table,
            Main main,
            ZoneId zone,
            DashboardCommand.DashboardOptions options,
            boolean actions,
            Path project,
            String stateMachine) {
        DashboardServer.Settings settings = options.settings(main);
        String token = actions ? token(System.getenv(TOKEN_VARIABLE)) : null;
        if (stateMachine != null) {
            try {
                StepFunctionsStarter.checkArn(stateMachine);
            } catch (IllegalArgumentException e) {
                throw new UserError("--state-machine: " + e.getMessage());
            }
            if (table.source().kind() != TableSource.Kind.DYNAMODB) {
                throw new UserError("--state-machine re-runs on AWS, for dynamodb: tables; on the embedded store,"
                        + " --project DIR re-runs on this machine");
            }
        }
        Store store = Store.open(table, main.clock());
        List<AutoCloseable> resources = new ArrayList<>(List.of(store));
        try {
            ItemTable jobs = store.jobItems();
            ItemTable state = store.stateItems();
            if (store.source().kind() == TableSource.Kind.SQLITE) {
                // A later `run` replaces its project's file: follow it, or the page would freeze on the old one.
                FollowedSqliteFile followed = new FollowedSqliteFile(
                        Path.of(store.source().location()), main.clock(), ControlTable.SCHEMA, StateTable.SCHEMA);
                resources.add(followed);
                jobs = followed.jobs();
                state = followed.state();
            }
            StoreOperator.Rerunner rerunner = null;
            if (project != null) {
                LocalRerunner local =
                        new LocalRerunner(projectOf(project, store), new ControlTable(jobs), zone, main.err());
                resources.add(local);
                rerunner = local;
            } else if (stateMachine != null) {
                SfnClient client = AwsClients.stepFunctions(AwsClients.Settings.DEFAULT.withRegion(table.region));
                resources.add(client);
                StepFunctionsStarter starter = new StepFunctionsStarter(client, stateMachine, "switchyard-dashboard");
                rerunner = (category, date) -> "started execution "
                        + starter.rerun(category, date, main.clock().instant())
                        + " to re-run the failed jobs of " + category + " on " + date;
            }
            OverviewReader reader = new OverviewReader(store.source().toString(), jobs, state, zone, actions);
            StoreOperator operator = actions ? new StoreOperator(jobs, state, rerunner, main.clock()) : null;
            DashboardServer server;
            try {
                server = DashboardServer.start(reader, operator, settings.withToken(token));
            } catch (UncheckedIOException e) {
                throw new UserError(e.getMessage() + (options.port == 0 ? "" : "; choose another with --port"));
            }
            return new Dashboard(store, server, token, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Closes the resources, the last opened first; a failure to close one does not keep the others open. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            closeQuietly(resource);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                // Closing after a failure: the failure is what to report.
            }
        }
    }

    /** The project, which must be the one whose store is shown: a re-run writes into its own store. */
    private static LocalProject projectOf(Path dir, Store store) {
        LocalProject project;
        try {
            project = LocalProject.at(dir);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Path runs = project.stateDir().resolve(LocalOrchestrator.STORE_FILE);
        boolean same = store.source().kind() == TableSource.Kind.SQLITE
                && Files.exists(runs)
                && sameFile(runs, Path.of(store.source().location()));
        if (!same) {
            throw new UserError("--project " + dir + " re-runs into " + runs + ", so --table must be sqlite:" + runs
                    + ", not " + store.source());
        }
        return project;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String token(String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            String given = fromEnvironment.strip();
            if (given.length() < 16) {
                throw new UserError(TOKEN_VARIABLE + " has " + given.length()
                        + " characters; a token needs at least 16 (or leave it unset and one is made up)");
            }
            return given;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Says where the page is (and, with actions, the address that carries the token). */
    void announce(PrintWriter out, boolean json) {
        String url = server.uri().toString();
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("url", url);
            line.put("table", store.source().toString());
            line.put("actions", token != null);
            if (token != null) {
                line.put("token", token);
            }
            try {
                out.println(Json.mapper().writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the dashboard's address as JSON", e);
            }
        } else {
            out.printf("Dashboard of %s at %s%n", store.source(), url);
            if (token != null && !server.loopbackOnly()) {
                out.println("Warning: the page is served over plain HTTP beyond this machine, so the actions' token"
                        + " travels readable; put it behind a TLS proxy, or keep the default --bind 127.0.0.1.");
            }
            if (token != null) {
                out.printf(
                        "Operator actions are on. Open %s#token=%s to use them (the token is in %s if set).%n",
                        url, token, TOKEN_VARIABLE);
            } else {
                out.println("Read-only: nothing can be changed from the page. Ctrl-C stops it.");
            }
        }
        out.flush();
    }

    DashboardServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        closeAll(resources);
    }
}
