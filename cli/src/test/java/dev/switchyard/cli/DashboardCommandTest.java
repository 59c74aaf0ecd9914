package dev.switchyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchyard dashboard} and {@code run --dashboard} over the demo's store, as a user starts them. */
class DashboardCommandTest {
    private static final String DATE = RunCommandTest.DATE;
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path tmp;

    private Path project;
    private final HttpClient http = HttpClient.newHttpClient();
    private Running running;

    @BeforeEach
    void copyTheDemo() throws IOException {
        project = RunCommandTest.copyDemo(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.stop();
        }
    }

    /** A command that goes on until it is interrupted, and what it has printed so far. */
    private record Running(Thread thread, CompletableFuture<Integer> status, StringWriter out, StringWriter err) {
        int stop() throws Exception {
            thread.interrupt();
            return status.get();
        }

        /** The first page address printed on {@code stream}, waiting up to a minute for it. */
        URI address(StringWriter stream) throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && !status.isDone()) {
                Matcher m = URL.matcher(stream.toString());
                if (m.find()) {
                    return URI.create(m.group(1));
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no address printed; out: " + out + " err: " + err);
        }
    }

    private static Running start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().start(() -> {
            try {
                status.complete(Main.run(args, new PrintWriter(out), new PrintWriter(err), CliTest.CLOCK));
            } catch (Throwable t) {
                status.completeExceptionally(t);
            }
        });
        return new Running(thread, status, out, err);
    }

    private JsonNode get(URI page, String path) throws Exception {
        return Json.mapper()
                .readTree(http.send(
                                HttpRequest.newBuilder(page.resolve(path)).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    private HttpResponse<String> post(URI page, String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(page.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes a job's StatusFlag into the project's store, as the reactor would. */
    private void statusOf(String job, String status) {
        try (dev.switchyard.sqlite.SqliteStore sqlite = dev.switchyard.sqlite.SqliteStore.open(
                project.resolve(".switchyard/run.db"), java.time.Clock.systemUTC())) {
            new dev.switchyard.reactor.table.ControlTable(
                            sqlite.table(dev.switchyard.reactor.table.ControlTable.SCHEMA))
                    .writeStatus(
                            job,
                            java.util.Map.of("StatusFlag", new dev.switchyard.contracts.attr.Attr.S(status)),
                            dev.switchyard.reactor.store.Condition.ALWAYS,
                            new dev.switchyard.reactor.table.Stamp("test", Instant.now()));
        }
    }

    private String store() {
        return "sqlite:" + project.resolve(".switchyard/run.db");
    }

    @Test
    void shouldServeTheStoreOfARun_readOnly_untilStopped() throws Exception {
        assertThat(CliTest.run("run", "RAW", "--project", project.toString(), "--date", DATE)
                        .status())
                .isZero();

        running = start("dashboard", "--table", store(), "--port", "0");
        URI page = running.address(running.out());
        JsonNode overview = get(page, "/api/overview?date=" + DATE);
        HttpResponse<String> skip = post(page, "/api/jobs/raw_orders/skip", "anything-at-all-1234");

        assertThat(running.out().toString()).contains("Dashboard of " + store()).contains("Read-only");
        assertThat(overview.findValuesAsText("jobName")).hasSize(8).contains("raw_orders", "mart_daily_sales");
        assertThat(overview.findValuesAsText("statusFlag")).contains("SUCCEEDED");
        assertThat(skip.statusCode()).isEqualTo(403);
        assertThat(running.stop()).isZero();
        running = null;
    }

    @Test
    void shouldRerunABlockedCategoryFromThePage_withTheTokenItPrinted() throws Exception {
        Files.createDirectories(project.resolve(".switchyard"));
        Files.writeString(project.resolve(".switchyard/fail-raw_orders"), "");
        assertThat(CliTest.run("run", "RAW", "--project", project.toString(), "--date", DATE)
                        .status())
                .isEqualTo(1);

        running = start(
                "dashboard",
                "--table",
                store(),
                "--port",
                "0",
                "--project",
                project.toString(),
                "--allow-actions",
                "--format",
                "json");
        URI page = running.address(running.out());
        String token =
                Json.mapper().readTree(running.out().toString()).path("token").asText();
        Files.delete(project.resolve(".switchyard/fail-raw_orders"));
        HttpResponse<String> without = post(page, "/api/categories/RAW/runs/" + DATE + "/rerun", null);
        // Another job shown running (another switchyard's, as far as anyone knows) holds a local re-run back.
        statusOf("raw_customers", "RUNNING");
        HttpResponse<String> whileRunning = post(page, "/api/categories/RAW/runs/" + DATE + "/rerun", token);
        statusOf("raw_customers", "SUCCEEDED");
        HttpResponse<String> rerun = post(page, "/api/categories/RAW/runs/" + DATE + "/rerun", token);

        assertThat(whileRunning.statusCode()).isEqualTo(409);
        assertThat(Json.mapper().readTree(whileRunning.body()).path("error").asText())
                .startsWith("jobs are running (raw_customers); re-run once they have ended");

        assertThat(token).hasSizeGreaterThanOrEqualTo(16);
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(202);
        JsonNode mart = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            mart = get(page, "/api/categories/MART?date=" + DATE).path("run");
            if (mart.path("status").asText().equals("SUCCEEDED")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(mart.path("status").asText())
                .as("MART, chained after the re-run")
                .isEqualTo("SUCCEEDED");
        assertThat(get(page, "/api/categories/RAW?date=" + DATE)
                        .path("run")
                        .path("status")
                        .asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldServeDuringARun_andAfterIt_withRunDashboard() throws Exception {
        running = start("run", "RAW", "--project", project.toString(), "--date", DATE, "--dashboard=0");
        URI page = running.address(running.err());

        Instant deadline = Instant.now().plusSeconds(60);
        while (!running.err().toString().contains("The run has ended")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        JsonNode overview = get(page, "/api/overview?date=" + DATE);

        assertThat(running.err().toString()).contains("the dashboard stays at " + page);
        assertThat(overview.path("categories").findValuesAsText("status")).containsOnly("SUCCEEDED");
        assertThat(running.out().toString()).contains("MART");
        assertThat(running.stop()).as(running.out() + "\n" + running.err()).isZero();
        running = null;
    }

    @Test
    void shouldRerunOnAws_startingAnExecutionWithRerun_forADynamoDbStore() throws Exception {
        String table = "dynamodb:dash-" + java.util.UUID.randomUUID();
        String endpoint = dev.switchyard.dynamodb.Dynalite.endpoint().toString();
        assertThat(CliTest.run("init", "--table", table, "--endpoint", endpoint).status())
                .isZero();
        assertThat(CliTest.run(
                                "jobs",
                                "import",
                                "../examples/demo/control-table.csv",
                                "--table",
                                table,
                                "--endpoint",
                                endpoint)
                        .status())
                .isZero();
        String name = table.substring("dynamodb:".length());
        var client = dev.switchyard.dynamodb.DynamoTables.client(URI.create(endpoint), null);
        var state = new dev.switchyard.dynamodb.DynamoItemTable(
                client, dev.switchyard.reactor.table.StateTable.SCHEMA, Store.stateTableName(name));
        var runs = new dev.switchyard.reactor.runs.CategoryRuns(state, java.time.Duration.ofDays(1));
        java.time.LocalDate date = java.time.LocalDate.parse(DATE);
        runs.open("RAW", date, null, java.util.List.of("raw_orders"), Instant.parse("2026-11-30T06:00:00Z"));
        runs.record(
                "RAW",
                date,
                "raw_orders",
                "jr_1",
                dev.switchyard.contracts.table.JobRunState.FAILED,
                Instant.parse("2026-11-30T06:05:00Z"));
        try (FakeStepFunctions sfn =
                new FakeStepFunctions("arn:aws:states:eu-west-1:123456789012:execution:sw:rerun")) {
            running = start(
                    "dashboard",
                    "--table",
                    table,
                    "--endpoint",
                    endpoint,
                    "--region",
                    "eu-west-1",
                    "--port",
                    "0",
                    "--allow-actions",
                    "--state-machine",
                    "arn:aws:states:eu-west-1:123456789012:stateMachine:sw",
                    "--format",
                    "json");
            URI page = running.address(running.out());
            String token = Json.mapper()
                    .readTree(running.out().toString())
                    .path("token")
                    .asText();

            HttpResponse<String> rerun = post(page, "/api/categories/RAW/runs/" + DATE + "/rerun", token);

            assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(202);
            assertThat(Json.mapper().readTree(rerun.body()).path("message").asText())
                    .startsWith("started execution arn:aws:states:eu-west-1:123456789012:execution:sw:rerun");
            String body = sfn.requests().getFirst();
            JsonNode request = Json.mapper().readTree(body.substring(body.indexOf(' ') + 1));
            assertThat(request.path("name").asText()).startsWith("RAW-" + DATE + "-rerun-");
            assertThat(Json.mapper()
                            .readTree(request.path("input").asText())
                            .path("Rerun")
                            .asBoolean())
                    .isTrue();
        } finally {
            client.close();
        }
    }

    @Test
    void shouldFollowTheStore_whenALaterRunReplacesItsFile() throws Exception {
        assertThat(CliTest.run("run", "RAW", "--project", project.toString(), "--date", DATE)
                        .status())
                .isZero();
        running = start("dashboard", "--table", store(), "--port", "0", "--refresh", "0.5");
        URI page = running.address(running.out());

        assertThat(CliTest.run("run", "RAW", "--project", project.toString(), "--date", "2026-12-01")
                        .status())
                .isZero();
        JsonNode raw = get(page, "/api/categories/RAW?date=2026-12-01");

        assertThat(raw.path("run").path("status").asText()).as(raw.toString()).isEqualTo("SUCCEEDED");
        assertThat(get(page, "/api/categories/RAW?date=" + DATE).path("run").isNull())
                .as("the new store holds the new run only")
                .isTrue();
    }

    @Test
    void shouldKeepTheLastRunsStore_whenRunDashboardsPortIsTaken() throws Exception {
        Files.createDirectories(project.resolve(".switchyard"));
        Files.writeString(project.resolve(".switchyard/fail-raw_orders"), "");
        assertThat(CliTest.run("run", "RAW", "--project", project.toString(), "--date", DATE)
                        .status())
                .isEqualTo(1);
        Files.delete(project.resolve(".switchyard/fail-raw_orders"));

        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliTest.Result busy = CliTest.run(
                    "run",
                    "RAW",
                    "--project",
                    project.toString(),
                    "--date",
                    "2026-12-01",
                    "--dashboard",
                    String.valueOf(taken.getLocalPort()));

            assertThat(busy.status()).isEqualTo(2);
            assertThat(busy.err()).contains("--dashboard: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        CliTest.Result rerun = CliTest.run("rerun", "RAW", "--project", project.toString(), "--date", DATE);
        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(CliTest.run(
                                "run",
                                "RAW",
                                "--aws",
                                "--state-machine",
                                "arn:aws:states:eu-west-1:1:stateMachine:s",
                                "--dashboard")
                        .err())
                .contains("--dashboard is for local runs");
    }

    @Test
    void shouldRunOn_whenTheEarlierStoreCannotBeRead_sayingItsRunsAreLost() throws Exception {
        Files.createDirectories(project.resolve(".switchyard"));
        Files.writeString(project.resolve(".switchyard/run.db"), "not a database, whatever it once was");

        CliTest.Result run = CliTest.run("run", "RAW", "--project", project.toString(), "--date", DATE);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).contains("switchyard: warning: the earlier run's job runs cannot be kept");
    }

    @Test
    void shouldRefuseBadOptions_sayingWhichAndWhy() throws Exception {
        assertThat(CliTest.run("run", "RAW", "--project", project.toString(), "--date", DATE)
                        .status())
                .isZero();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliTest.Result port = CliTest.run("dashboard", "--table", store(), "--port", "70000");
            CliTest.Result bind = CliTest.run("dashboard", "--table", store(), "--bind", "no-such-host.invalid");
            CliTest.Result refresh = CliTest.run("dashboard", "--table", store(), "--refresh", "0.1");
            CliTest.Result file = CliTest.run("dashboard", "--table", CliTest.SEED);
            CliTest.Result missing = CliTest.run("dashboard", "--table", "sqlite:" + tmp.resolve("nothing.db"));
            CliTest.Result project = CliTest.run("dashboard", "--table", store(), "--project", "somewhere");
            CliTest.Result other = CliTest.run(
                    "dashboard",
                    "--table",
                    "sqlite:" + tmp.resolve("x.db"),
                    "--project",
                    this.project.toString(),
                    "--allow-actions");
            CliTest.Result arnOnSqlite = CliTest.run(
                    "dashboard",
                    "--table",
                    store(),
                    "--allow-actions",
                    "--state-machine",
                    "arn:aws:states:eu-west-1:123456789012:stateMachine:sw");
            CliTest.Result badArn = CliTest.run(
                    "dashboard", "--table", "dynamodb:glue-control", "--allow-actions", "--state-machine", "nope");
            CliTest.Result inUse =
                    CliTest.run("dashboard", "--table", store(), "--port", String.valueOf(taken.getLocalPort()));

            assertThat(port.status()).isEqualTo(2);
            assertThat(port.err()).contains("--port 70000 is not between 0 and 65535");
            assertThat(bind.err()).contains("--bind no-such-host.invalid is not an address");
            assertThat(refresh.err()).contains("--refresh 0.1 is not between 0.5 and 3600 seconds");
            assertThat(file.err()).contains("is a file; this command needs a store");
            assertThat(missing.err()).contains("no such database");
            assertThat(project.err())
                    .contains("--project is for re-running from the page, which needs --allow-actions");
            assertThat(other.status()).isEqualTo(2);
            assertThat(arnOnSqlite.err()).contains("--state-machine re-runs on AWS, for dynamodb: tables");
            assertThat(badArn.status()).isEqualTo(2);
            assertThat(badArn.err()).contains("--state-machine: ");
            assertThat(inUse.status()).isEqualTo(2);
            assertThat(inUse.err())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--port");
        }
    }

    @Test
    void shouldExplainItself() {
        CliTest.Result help = CliTest.run("dashboard", "--help");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--table", "--port", "--bind", "--allow-actions", "127.0.0.1", "token");
    }
}
