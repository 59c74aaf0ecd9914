package dev.switchyard.dashboard;

import static dev.switchyard.dashboard.World.D;
import static dev.switchyard.dashboard.World.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.table.JobColumns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API over HTTP: what it answers, what it refuses and how, and that only the token changes anything. */
class DashboardServerTest {
    private static final String TOKEN = "s3cret-token-of-the-test";

    private final World world = new World()
            .category("RAW")
            .category("STG", "RAW")
            .job("raw_orders", "RAW", "DAILY", "NO")
            .job("stg_orders", "STG", "DAILY", "NO");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> reruns = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private DashboardServer start(String token) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        OverviewReader reader = new OverviewReader("test", world.jobs, world.state, ZoneOffset.UTC, token != null);
        StoreOperator operator = new StoreOperator(
                world.jobs,
                world.state,
                (category, date) -> {
                    reruns.add(category + " " + date);
                    return "re-running " + category;
                },
                clock);
        DashboardServer server = DashboardServer.start(
                reader,
                operator,
                DashboardServer.Settings.loopback(0, clock)
                        .withRefresh(Duration.ofMillis(200))
                        .withToken(token));
        open.add(server);
        return server;
    }

    private HttpResponse<String> get(DashboardServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(DashboardServer server, String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri().resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    @Test
    void shouldServeThePageAndTheOverview_onLoopbackOnly() throws Exception {
        DashboardServer server = start(null);

        HttpResponse<String> page = get(server, "/");
        HttpResponse<String> overview = get(server, "/api/overview?date=2026-11-30");

        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByName(server.uri().getHost()).isLoopbackAddress())
                .isTrue();
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("app.js");
        assertThat(get(server, "/app.js").body()).contains("EventSource");
        assertThat(overview.statusCode()).isEqualTo(200);
        JsonNode body = json(overview);
        assertThat(body.path("date").asText()).isEqualTo("2026-11-30");
        assertThat(body.path("actions").path("enabled").asBoolean()).isFalse();
        assertThat(body.path("categories").findValuesAsText("jobName")).containsExactly("raw_orders", "stg_orders");
    }

    @Test
    void shouldAnswerTheChain_withoutReadingADate() throws Exception {
        world.job("mart_sales", "MART", "DAILY", "NO");

        JsonNode chain = json(get(start(null), "/api/categories"));

        // By level, then name: MART is defined by its row alone, so it depends on nothing.
        assertThat(chain.findValuesAsText("category")).containsExactly("MART", "RAW", "STG");
        assertThat(chain.findValuesAsText("level")).containsExactly("0", "0", "1");
        assertThat(chain.get(2).path("dependsOn").get(0).asText()).isEqualTo("RAW");
    }

    @Test
    void shouldAnswerTodayInTheZone_withoutADate() throws Exception {
        JsonNode body = json(get(start(null), "/api/overview"));

        assertThat(body.path("date").asText()).isEqualTo(D.toString());
        assertThat(body.path("today").asText()).isEqualTo(D.toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/overview?date=2026-13-01|400|'2026-13-01' is not a date such as 2026-11-30",
                "/api/overview?date=30.11.2026|400|'30.11.2026' is not a date",
                "/api/overview?date=|400|'' is not a date",
                "/api/overview?day=2026-11-30|400|unknown parameter 'day'; this takes date",
                "/api/overview?date=2026-11-30&date=2026-11-29|400|parameter 'date' is given twice",
                "/api/categories/NOPE|404|no category NOPE; the categories are RAW, STG",
                "/api/categories/RAW?date=yesterday|400|'yesterday' is not a date",
                "/api/nothing|404|no API /api/nothing",
                "/favicon.ico|404|no page /favicon.ico",
                "/api/categories?date=2026-11-30|400|unknown parameter 'date'; this takes none",
                "/api/health?verbose|400|unknown parameter 'verbose'; this takes none",
                "/api/events?date=2026-02-30|400|'2026-02-30' is not a date",
            })
    void shouldRefuseABadRequest_sayingWhatIsWrong(String path, int status, String message) throws Exception {
        HttpResponse<String> response = get(start(null), path);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(json(response).path("error").asText()).contains(message);
        assertThat(json(response).path("status").asInt()).isEqualTo(status);
    }

    @Test
    void shouldAnswerOneCategory_forADate() throws Exception {
        world.open("RAW", D, "raw_orders").run("raw_orders", "jr_1", T0, 30, JobRunState.FAILED);

        JsonNode raw = json(get(start(null), "/api/categories/RAW?date=2026-11-30"));

        assertThat(raw.path("category").asText()).isEqualTo("RAW");
        assertThat(raw.path("run").path("status").asText()).isEqualTo("BLOCKED");
        assertThat(raw.path("run").path("blockers").get(0).path("jobName").asText())
                .isEqualTo("raw_orders");
    }

    @Test
    void shouldRefuseARequestNamingAnotherHost_soThatAnotherSiteCannotReadIt() throws Exception {
        DashboardServer server = start(null);

        String answer = raw(
                server,
                "GET /api/overview HTTP/1.1\r\nHost: attacker.example:" + server.port()
                        + "\r\nConnection: close\r\n\r\n");
        String local = raw(
                server,
                "GET /api/health HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403").contains("is not a name of this dashboard");
        assertThat(local).startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldRefuseActions_whenTheyAreOff_evenWithAToken() throws Exception {
        DashboardServer server = start(null);

        HttpResponse<String> skip = post(server, "/api/jobs/raw_orders/skip", TOKEN);

        assertThat(skip.statusCode()).isEqualTo(403);
        assertThat(json(skip).path("error").asText()).contains("--allow-actions");
        assertThat(skipFlag("raw_orders")).isEqualTo("NO");
    }

    @Test
    void shouldRefuseAnActionWithoutTheToken() throws Exception {
        DashboardServer server = start(TOKEN);

        HttpResponse<String> none = post(server, "/api/jobs/raw_orders/skip", null);
        HttpResponse<String> wrong = post(server, "/api/jobs/raw_orders/skip", TOKEN + "x");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(none).path("error").asText()).contains("Authorization: Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(skipFlag("raw_orders")).isEqualTo("NO");
    }

    @Test
    void shouldSkipAndUnskip_withTheToken_recordingTheDashboardAsWhoChangedIt() throws Exception {
        DashboardServer server = start(TOKEN);

        HttpResponse<String> skipped = post(server, "/api/jobs/raw_orders/skip", TOKEN);
        String flagAfterSkip = skipFlag("raw_orders");
        String by = JobColumns.text(world.control.get("raw_orders").orElseThrow(), "UpdatedBy");
        HttpResponse<String> unskipped = post(server, "/api/jobs/raw_orders/unskip", TOKEN);

        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(json(skipped).path("message").asText()).startsWith("raw_orders skipped");
        assertThat(flagAfterSkip).isEqualTo("YES");
        assertThat(by).contains("dashboard@127.0.0.1");
        assertThat(json(unskipped).path("message").asText()).startsWith("raw_orders unskipped");
        assertThat(skipFlag("raw_orders")).isEqualTo("NO");
        assertThat(post(server, "/api/jobs/nobody/skip", TOKEN).statusCode()).isEqualTo(404);
        assertThat(json(get(server, "/api/overview"))
                        .path("actions")
                        .path("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void shouldRerunOnlyABlockedRun() throws Exception {
        DashboardServer server = start(TOKEN);
        world.open("RAW", D, "raw_orders").running("raw_orders", "jr_1", T0);

        HttpResponse<String> open = post(server, "/api/categories/RAW/runs/2026-11-30/rerun", TOKEN);
        world.run("raw_orders", "jr_1", T0, 30, JobRunState.FAILED);
        HttpResponse<String> blocked = post(server, "/api/categories/RAW/runs/2026-11-30/rerun", TOKEN);
        HttpResponse<String> none = post(server, "/api/categories/STG/runs/2026-11-30/rerun", TOKEN);
        HttpResponse<String> unknown = post(server, "/api/categories/NOPE/runs/2026-11-30/rerun", TOKEN);
        HttpResponse<String> badDate = post(server, "/api/categories/RAW/runs/2026-11-31/rerun", TOKEN);

        assertThat(open.statusCode()).isEqualTo(409);
        assertThat(json(open).path("error").asText()).contains("is OPEN, not BLOCKED");
        world.running("raw_orders", "jr_2", T0.plusSeconds(120)); // the re-run's job runs; the run stays BLOCKED
        HttpResponse<String> again = post(server, "/api/categories/RAW/runs/2026-11-30/rerun", TOKEN);

        assertThat(blocked.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asText())
                .isEqualTo("a re-run of RAW on 2026-11-30 is going: raw_orders runs again; wait for it to end");
        assertThat(json(blocked).path("message").asText()).isEqualTo("re-running RAW");
        assertThat(reruns).containsExactly("RAW 2026-11-30");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none).path("error").asText()).isEqualTo("category STG has no run on 2026-11-30");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(badDate.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseWritingMethodsOnTheReadOnlyApi() throws Exception {
        DashboardServer server = start(TOKEN);

        HttpResponse<String> post = post(server, "/api/overview", TOKEN);
        HttpResponse<String> getAction = get(server, "/api/jobs/raw_orders/skip");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(json(post).path("error").asText()).contains("the API is read-only");
        assertThat(getAction.statusCode()).isEqualTo(405);
        assertThat(skipFlag("raw_orders")).isEqualTo("NO");
    }

    @Test
    void shouldStreamTheOverview_thenTheCategoriesThatChange() throws Exception {
        DashboardServer server = start(null);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(server.uri().resolve("/api/events?date=2026-11-30"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofVirtual().start(() -> readEvents(stream.body(), events));
        try {
            Event first = events.poll(10, TimeUnit.SECONDS);
            world.running("raw_orders", "jr_1", T0);
            Event second = events.poll(10, TimeUnit.SECONDS);

            assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(first.name()).isEqualTo("overview");
            assertThat(first.data().path("categories").findValuesAsText("category"))
                    .containsExactly("RAW", "STG");
            assertThat(first.data().findValues("statusFlag")).hasSize(2).allMatch(JsonNode::isNull);
            assertThat(second).as("an event after the change").isNotNull();
            assertThat(second.name()).isEqualTo("changes");
            assertThat(second.data().path("categories").findValuesAsText("category"))
                    .containsExactly("RAW");
            assertThat(second.data()
                            .path("categories")
                            .get(0)
                            .path("jobs")
                            .get(0)
                            .path("statusFlag")
                            .asText())
                    .isEqualTo("RUNNING");
            assertThat(second.data().path("chain")).hasSize(2);
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }

    @Test
    void shouldSayTheStoreIsDown_andComeBackWithIt() throws Exception {
        Outage jobs = new Outage(world.jobs);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        DashboardServer server = DashboardServer.start(
                new OverviewReader("test", jobs, world.state, ZoneOffset.UTC, true),
                new StoreOperator(jobs, world.state, null, clock),
                DashboardServer.Settings.loopback(0, clock)
                        .withRefresh(Duration.ofMillis(200))
                        .withToken(TOKEN));
        open.add(server);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(server.uri().resolve("/api/events?date=2026-11-30"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofVirtual().start(() -> readEvents(stream.body(), events));
        try {
            Event first = events.poll(10, TimeUnit.SECONDS);
            jobs.down(true);
            HttpResponse<String> read = get(server, "/api/overview?date=2026-11-30");
            HttpResponse<String> skip = post(server, "/api/jobs/raw_orders/skip", TOKEN);
            Event problem = events.poll(10, TimeUnit.SECONDS);
            jobs.down(false);
            Event back = events.poll(10, TimeUnit.SECONDS);

            assertThat(first.name()).isEqualTo("overview");
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(json(read).path("error").asText()).startsWith("cannot read the stores: the store is down");
            assertThat(skip.statusCode()).isEqualTo(502);
            assertThat(json(skip).path("error").asText()).startsWith("the action could not be done: ");
            assertThat(problem.name()).isEqualTo("problem");
            assertThat(problem.data().path("error").asText()).contains("the store is down");
            assertThat(back.name())
                    .as("the whole overview again, after a problem")
                    .isEqualTo("overview");
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }

    @Test
    void shouldCompressALargeAnswer_whenTheClientAcceptsIt() throws Exception {
        DashboardServer server = start(null);
        HttpRequest plain = HttpRequest.newBuilder(server.uri().resolve("/api/overview?date=2026-11-30"))
                .build();
        HttpRequest zipped = HttpRequest.newBuilder(server.uri().resolve("/api/overview?date=2026-11-30"))
                .header("Accept-Encoding", "gzip")
                .build();

        HttpResponse<String> asText = http.send(plain, HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> asGzip = http.send(zipped, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(asText.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(asGzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(asGzip.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(asText.body());
        }
    }

    @Test
    void shouldChangeNothing_forAnyRequestWithoutTheToken() throws Exception {
        DashboardServer server = start(TOKEN);
        world.open("RAW", D, "raw_orders").run("raw_orders", "jr_1", T0, 30, JobRunState.FAILED);
        Map<String, ?> before = snapshot();

        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of(
                    "/api/jobs/raw_orders/skip",
                    "/api/jobs/raw_orders/unskip",
                    "/api/categories/RAW/runs/2026-11-30/rerun",
                    "/api/overview",
                    "/api/categories/RAW",
                    "/")) {
                for (String token :
                        java.util.Arrays.asList(null, "", TOKEN.substring(1), TOKEN + "x", TOKEN.toUpperCase())) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(
                                    server.uri().resolve(path))
                            .method(method, HttpRequest.BodyPublishers.ofString("{}"));
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(method + " " + path).isNotIn(201, 202, 204);
                }
            }
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(reruns).isEmpty();
    }

    private Map<String, ?> snapshot() {
        return Map.of(
                "jobs", world.control.all(),
                "runs", world.state.scan(10_000, null).items());
    }

    private String skipFlag(String job) {
        return JobColumns.text(world.control.get(job).orElseThrow(), "SkipFlag");
    }

    private static String raw(DashboardServer server, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A server-sent event: its name and its data. */
    private record Event(String name, JsonNode data) {}

    private static void readEvents(InputStream body, BlockingQueue<Event> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(event, Json.mapper().readTree(line.substring(6))));
                }
            }
        } catch (IOException e) {
            // The test closed the stream.
        }
    }
}
