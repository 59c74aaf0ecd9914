package dev.switchyard.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchyard.contracts.Json;
import dev.switchyard.dashboard.Overview.ChainLink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's web server (JDK's {@code com.sun.net.httpserver}, one virtual thread per request): the page,
 * the read-only JSON API, server-sent events, and the operator actions when a token enables them. Every refusal
 * is a JSON {@code {"error": …, "status": …}} naming what is wrong. See the README's "The dashboard".
 */
public final class DashboardServer implements AutoCloseable {
    /** The page's files, served as they are. */
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    /** The date of the event streams that follow today, whatever day it is: no business date is this early. */
    private static final LocalDate TODAY = LocalDate.MIN;

    /** How long an idle event stream waits before a comment line, which finds closed connections. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /**
     * How the server runs.
     *
     * @param bind the address to listen on (loopback unless told otherwise)
     * @param port the port, 0 for any free one
     * @param refresh how often the stores are read for the pages watching
     * @param token the operator actions' token; null when actions are off
     * @param maxStreams the most event streams open at once
     * @param allowedHosts names a request's {@code Host} may give besides this machine's (see {@link HostCheck})
     */
    public record Settings(
            InetAddress bind,
            int port,
            Duration refresh,
            String token,
            int maxStreams,
            Set<String> allowedHosts,
            Clock clock) {
        public Settings {
            allowedHosts = Set.copyOf(allowedHosts);
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(refresh, "refresh");
            Objects.requireNonNull(clock, "clock");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
            }
            if (refresh.toMillis() < 100) {
                throw new IllegalArgumentException("refresh " + refresh + " is shorter than 100 ms");
            }
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("the actions token has fewer than 16 characters");
            }
        }

        /** Loopback, the given port, a refresh of 2 s, no actions, 64 streams. */
        public static Settings loopback(int port, Clock clock) {
            return new Settings(
                    InetAddress.getLoopbackAddress(), port, Duration.ofSeconds(2), null, 64, Set.of(), clock);
        }

        public Settings withRefresh(Duration every) {
            return new Settings(bind, port, every, token, maxStreams, allowedHosts, clock);
        }

        public Settings withToken(String actionsToken) {
            return new Settings(bind, port, refresh, actionsToken, maxStreams, allowedHosts, clock);
        }

        public Settings withBind(InetAddress address) {
            return new Settings(address, port, refresh, token, maxStreams, allowedHosts, clock);
        }

        public Settings withAllowedHosts(Set<String> names) {
            return new Settings(bind, port, refresh, token, maxStreams, names, clock);
        }
    }

    private final OverviewReader reader;
    private final Operator operator;
    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Subscriptions subscriptions;
    private final HostCheck hosts;
    private volatile boolean closing;

    private DashboardServer(OverviewReader reader, Operator operator, Settings settings) throws IOException {
        this.reader = reader;
        this.operator = operator;
        this.settings = settings;
        this.hosts = new HostCheck(settings.bind(), settings.allowedHosts());
        this.server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 0);
        this.threads = Executors.newVirtualThreadPerTaskExecutor();
        this.subscriptions = new Subscriptions(this::read, settings.refresh(), settings.maxStreams());
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving.
     *
     * @param operator the operator actions, used only with a token in the settings
     * @throws UncheckedIOException when the address cannot be bound (a port in use, say)
     */
    public static DashboardServer start(OverviewReader reader, Operator operator, Settings settings) {
        if (settings.token() != null && operator == null) {
            throw new IllegalArgumentException("a token enables operator actions, and there is no operator");
        }
        try {
            DashboardServer dashboard = new DashboardServer(reader, operator, settings);
            dashboard.server.start();
            return dashboard;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + settings.bind().getHostAddress() + ":" + settings.port() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress().getHostAddress()
                : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    /** Whether it listens on a loopback address only: nothing beyond this machine reaches it. */
    public boolean loopbackOnly() {
        return settings.bind().isLoopbackAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        closing = true;
        subscriptions.close();
        server.stop(0);
        threads.shutdownNow();
    }

    /** The overview of a date; of today in the dashboard's zone for null or {@link #TODAY}. */
    private Overview read(LocalDate dateOrNull) {
        LocalDate date = dateOrNull != null && !dateOrNull.equals(TODAY)
                ? dateOrNull
                : LocalDate.ofInstant(settings.clock().instant(), reader.zone());
        return reader.read(date, settings.clock().instant());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                checkHost(exchange);
                route(exchange);
            } catch (ApiError e) {
                sendError(exchange, e.status(), e.getMessage());
            } catch (Operator.Refused e) {
                sendError(exchange, e.status(), e.getMessage());
            } catch (IOException e) {
                // The client went away.
            } catch (RuntimeException e) {
                // A store or a service failed: the request was right, and may work when tried again.
                boolean action = exchange.getRequestMethod().equals("POST");
                sendError(
                        exchange,
                        action ? 502 : 503,
                        (action ? "the action could not be done: " : "cannot read the stores: ") + e.getMessage());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI());
        if (FILES.containsKey(path)) {
            only(method, "GET");
            allowOnly(query, path.equals("/") || path.equals("/index.html") ? Set.of("date") : Set.of());
            sendFile(exchange, FILES.get(path));
            return;
        }
        List<String> parts = segments(path);
        if (parts.isEmpty() || !parts.get(0).equals("api")) {
            throw new ApiError(404, "no page " + path + "; the dashboard is at / and its API under /api/");
        }
        List<String> api = parts.subList(1, parts.size());
        switch (api.size()) {
            case 1 -> {
                switch (api.get(0)) {
                    case "overview" -> {
                        only(method, "GET");
                        allowOnly(query, Set.of("date"));
                        sendJson(exchange, 200, read(date(query)));
                    }
                    case "events" -> {
                        only(method, "GET");
                        allowOnly(query, Set.of("date"));
                        stream(exchange, date(query));
                    }
                    case "categories" -> {
                        only(method, "GET");
                        allowOnly(query, Set.of());
                        sendJson(exchange, 200, reader.chain());
                    }
                    case "health" -> {
                        only(method, "GET");
                        allowOnly(query, Set.of());
                        sendJson(exchange, 200, Map.of("status", "ok", "actions", settings.token() != null));
                    }
                    default -> throw notFound(path);
                }
            }
            case 2 -> {
                if (!api.get(0).equals("categories")) {
                    throw notFound(path);
                }
                only(method, "GET");
                allowOnly(query, Set.of("date"));
                String name = api.get(1);
                Overview overview = read(date(query));
                sendJson(
                        exchange,
                        200,
                        overview.categories().stream()
                                .filter(c -> c.category().equals(name))
                                .findFirst()
                                .orElseThrow(() -> unknownCategory(name, overview.chain())));
            }
            case 3 -> {
                if (!api.get(0).equals("jobs") || !Set.of("skip", "unskip").contains(api.get(2))) {
                    throw notFound(path);
                }
                only(method, "POST");
                allowOnly(query, Set.of());
                String actor = authorize(exchange);
                boolean skip = api.get(2).equals("skip");
                sendJson(exchange, 200, Map.of("message", operator.setSkip(api.get(1), skip, actor)));
            }
            case 5 -> {
                if (!api.get(0).equals("categories")
                        || !api.get(2).equals("runs")
                        || !api.get(4).equals("rerun")) {
                    throw notFound(path);
                }
                only(method, "POST");
                allowOnly(query, Set.of());
                LocalDate date = parseDate(api.get(3), "the run date in " + path);
                String actor = authorize(exchange);
                List<ChainLink> chain = reader.chain(); // an unknown category is a 404, whatever its runs
                if (chain.stream().noneMatch(c -> c.category().equals(api.get(1)))) {
                    throw unknownCategory(api.get(1), chain);
                }
                sendJson(exchange, 202, Map.of("message", operator.rerunFailed(api.get(1), date, actor)));
            }
            default -> throw notFound(path);
        }
    }

    private static ApiError notFound(String path) {
        return new ApiError(
                404,
                "no API " + path + "; there are /api/overview, /api/events, /api/categories,"
                        + " /api/categories/CATEGORY and /api/health (see the README)");
    }

    private static ApiError unknownCategory(String name, List<ChainLink> chain) {
        return new ApiError(
                404,
                "no category " + name + "; the categories are "
                        + String.join(
                                ", ", chain.stream().map(ChainLink::category).toList()));
    }

    /** A request's Host must name the dashboard: a page elsewhere cannot read it through a name of its own. */
    private void checkHost(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (!hosts.allows(host)) {
            throw new ApiError(
                    403,
                    "Host '" + host + "' is not a name of this dashboard (at " + uri() + "); start it with"
                            + " --allowed-host NAME to answer to another");
        }
    }

    /** The operator actions need them enabled, and the token in {@code Authorization: Bearer}. */
    private String authorize(HttpExchange exchange) {
        if (settings.token() == null) {
            throw new ApiError(
                    403, "operator actions are off; start the dashboard with --allow-actions to enable them");
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).strip()
                : "";
        if (!MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), settings.token().getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new ApiError(
                    401,
                    header == null
                            ? "an operator action needs the dashboard's token in Authorization: Bearer TOKEN"
                            : "the token in Authorization is not the dashboard's");
        }
        return "dashboard@" + exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    private void stream(HttpExchange exchange, LocalDate dateOrNull) throws IOException {
        Overview first = read(dateOrNull);
        // Without a date the stream follows today, to the next day at midnight.
        LocalDate date = dateOrNull == null ? TODAY : dateOrNull;
        Subscriptions.Subscriber subscriber = subscriptions.subscribe(date);
        if (subscriber == null) {
            throw new ApiError(503, "too many live pages are open (" + settings.maxStreams() + "); close some");
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            boolean gzip = acceptsGzip(exchange);
            if (gzip) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, 0);
            // Flushed after each event (syncFlush), so a compressed stream is as live as a plain one.
            OutputStream out =
                    gzip ? new GZIPOutputStream(exchange.getResponseBody(), true) : exchange.getResponseBody();
            send(out, "retry: " + settings.refresh().toMillis() + "\n\n");
            send(out, event("overview", first));
            Overview shown = first;
            while (!closing) {
                Subscriptions.Update update = subscriber.next(HEARTBEAT);
                if (update == null) {
                    send(out, ": still here\n\n"); // a closed connection fails this write
                } else if (update instanceof Subscriptions.Update.Fresh fresh) {
                    if (fresh.overview().sameAs(shown)) {
                        continue;
                    }
                    // Only the categories that changed, when the page can merge them: a page of thousands of
                    // jobs then receives kilobytes per change, not megabytes.
                    Overview changes = fresh.overview().changesSince(shown);
                    send(out, changes == null ? event("overview", fresh.overview()) : event("changes", changes));
                    shown = fresh.overview();
                } else if (update instanceof Subscriptions.Update.Failed failed) {
                    send(out, event("problem", Map.of("error", failed.error(), "status", 503)));
                    shown = null; // the next overview is sent whole
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscriptions.unsubscribe(date, subscriber);
        }
    }

    private static String event(String name, Object data) {
        return "event: " + name + "\ndata: " + json(data) + "\n\n";
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static LocalDate date(Map<String, String> query) {
        String text = query.get("date");
        return text == null ? null : parseDate(text, "?date=");
    }

    private static LocalDate parseDate(String text, String where) {
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1 || date.getYear() > 9999) {
                throw new DateTimeParseException("out of range", text, 0);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new ApiError(400, where + " '" + text + "' is not a date such as 2026-11-30 (YYYY-MM-DD)");
        }
    }

    private static void only(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiError(
                    405,
                    method + " is not allowed here; use " + allowed
                            + (allowed.equals("GET") ? " (the API is read-only)" : ""));
        }
    }

    private static void allowOnly(Map<String, String> query, Set<String> names) {
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                throw new ApiError(
                        400,
                        "unknown parameter '" + name + "'"
                                + (names.isEmpty() ? "; this takes none" : "; this takes " + String.join(", ", names)));
            }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (query.put(name, value) != null) {
                throw new ApiError(400, "parameter '" + name + "' is given twice");
            }
        }
        return query;
    }

    private static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> decode(s.replace("+", "%2B"))) // '+' is a space in a query only, not in a path
                .toList();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "'" + text + "' is not URL-encoded correctly");
        }
    }

    private void sendFile(HttpExchange exchange, String name) throws IOException {
        byte[] body;
        try (InputStream in = DashboardServer.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from its jar");
            }
            body = in.readAllBytes();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(extension));
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                                + " frame-ancestors 'none'");
        send(exchange, 200, body);
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        byte[] bytes = json(body).getBytes(StandardCharsets.UTF_8);
        // An overview of thousands of jobs is megabytes of JSON, which compresses about tenfold.
        if (bytes.length > 1024 && acceptsGzip(exchange)) {
            java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream(bytes.length / 8);
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(bytes);
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            bytes = zipped.toByteArray();
        }
        send(exchange, status, bytes);
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        try {
            sendJson(exchange, status, body);
        } catch (IOException | RuntimeException e) {
            // Headers already sent (an event stream), or the client went away: nothing more can be said.
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
