package dev.switchyard.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchyard.contracts.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Glue, Step Functions and EventBridge on 127.0.0.1, as far as the Lambda handlers use them: the JSON protocols'
 * {@code X-Amz-Target} says which operation a request is. Glue answers from the runs a test adds; Step Functions
 * starts whatever it is asked to; EventBridge accepts every event. Every request is kept, for the tests to check.
 *
 * <p>{@link #start} points every SDK client of the JVM at it with the SDK's service-specific endpoint
 * properties ({@code aws.endpointUrlGlue}, {@code aws.endpointUrlSfn}, {@code aws.endpointUrlEventBridge}; the
 * SDK reads them when it builds a client without an endpoint override, as Lambda's clients are built) and
 * gives them dummy credentials ({@code aws.accessKeyId}, {@code aws.secretAccessKey}, the first source of the
 * default credentials chain); {@link #close} puts the properties back as they were.
 */
final class FakeAwsServices implements AutoCloseable {
    /** One request as a service received it. */
    record Request(String target, JsonNode body) {}

    private static final List<String> PROPERTIES = List.of(
            "aws.endpointUrlGlue",
            "aws.endpointUrlSfn",
            "aws.endpointUrlEventBridge",
            "aws.accessKeyId",
            "aws.secretAccessKey");

    private final HttpServer server;
    private final Map<String, String> before = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<ObjectNode>> glueRuns = new ConcurrentHashMap<>();

    private FakeAwsServices() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the services and points the SDK's clients at them. */
    static FakeAwsServices start() {
        FakeAwsServices services = new FakeAwsServices();
        String endpoint = services.endpoint().toString();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws.endpointUrlGlue", endpoint);
        values.put("aws.endpointUrlSfn", endpoint);
        values.put("aws.endpointUrlEventBridge", endpoint);
        values.put("aws.accessKeyId", "fake");
        values.put("aws.secretAccessKey", "fake");
        for (String name : PROPERTIES) {
            services.before.put(name, System.getProperty(name));
            System.setProperty(name, values.get(name));
        }
        return services;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A run Glue's GetJobRun and GetJobRuns answer with from now on. */
    FakeAwsServices glueRun(
            String job, String runId, String state, Instant startedOn, Instant completedOn, Map<String, String> args) {
        ObjectNode run = Json.mapper().createObjectNode();
        run.put("Id", runId);
        run.put("JobName", job);
        run.put("JobRunState", state);
        // The JSON protocol's timestamps: seconds since the epoch.
        run.put("StartedOn", startedOn.toEpochMilli() / 1000.0);
        run.put("CompletedOn", completedOn.toEpochMilli() / 1000.0);
        run.put("ExecutionTime", completedOn.getEpochSecond() - startedOn.getEpochSecond());
        run.put("Attempt", 0);
        run.put("MaxCapacity", 2.0);
        ObjectNode arguments = run.putObject("Arguments");
        args.forEach(arguments::put);
        glueRuns.computeIfAbsent(job, j -> new CopyOnWriteArrayList<>()).add(run);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one operation, e.g. {@code AWSStepFunctions.StartExecution}. */
    List<JsonNode> requests(String target) {
        return requests.stream()
                .filter(r -> r.target().equals(target))
                .map(Request::body)
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            requests.add(new Request(target, body));
            Answer answer = answer(target, body);
            byte[] bytes = Json.mapper().writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-" + requests.size());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, JsonNode body) {}

    private Answer answer(String target, JsonNode body) {
        ObjectNode answer = Json.mapper().createObjectNode();
        switch (target) {
            case "AWSGlue.GetJobRun" -> {
                String runId = body.path("RunId").asText();
                for (ObjectNode run : glueRuns.getOrDefault(body.path("JobName").asText(), List.of())) {
                    if (run.path("Id").asText().equals(runId)) {
                        answer.set("JobRun", run);
                        return new Answer(200, answer);
                    }
                }
                return error(400, "EntityNotFoundException", "no run " + runId);
            }
            case "AWSGlue.GetJobRuns" -> {
                ArrayNode runs = answer.putArray("JobRuns");
                new ArrayList<>(glueRuns.getOrDefault(body.path("JobName").asText(), List.of()))
                        .reversed() // Glue lists the latest first
                        .forEach(runs::add);
                return new Answer(200, answer);
            }
            case "AWSStepFunctions.StartExecution" -> {
                String machine = body.path("stateMachineArn").asText();
                answer.put(
                        "executionArn",
                        machine.replace(":stateMachine:", ":execution:") + ":"
                                + body.path("name").asText());
                answer.put("startDate", Instant.now().getEpochSecond());
                return new Answer(200, answer);
            }
            case "AWSEvents.PutEvents" -> {
                answer.put("FailedEntryCount", 0);
                ArrayNode entries = answer.putArray("Entries");
                body.path("Entries").forEach(e -> entries.addObject().put("EventId", "fake-" + requests.size()));
                return new Answer(200, answer);
            }
            default -> {
                return error(400, "UnknownOperationException", "the fake does not know " + target);
            }
        }
    }

    /** An error the way the JSON protocols carry one: the code in {@code __type}. */
    private static Answer error(int status, String type, String message) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("__type", type);
        error.put("message", message);
        return new Answer(status, error);
    }

    @Override
    public void close() {
        server.stop(0);
        before.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
