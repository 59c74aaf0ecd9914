package dev.switchyard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchyard.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A stand-in for an AWS JSON-protocol service on 127.0.0.1: it records each request (its {@code X-Amz-Target}
 * and body) and answers with the responses queued, in order. The real SDK client talks to it.
 */
final class FakeAwsServer implements AutoCloseable {
    /** One request as the service received it. */
    record Request(String target, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One canned answer. */
    record Response(int status, String body) {
        static Response ok(String json) {
            return new Response(200, json);
        }

        /** An error the way the AWS JSON protocols carry one: the code in {@code __type}. */
        static Response error(int status, String type, String message) {
            return new Response(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Response> responses = new ArrayDeque<>();

    FakeAwsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Static dummy credentials: the fake checks no signature. */
    static AwsClients.Settings settingsFor(URI endpoint, int maxAttempts) {
        return AwsClients.Settings.DEFAULT
                .withRegion("eu-west-1")
                .withEndpoint(endpoint)
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .withMaxAttempts(maxAttempts);
    }

    /** Settings for a client that does not retry. */
    AwsClients.Settings settings() {
        return settingsFor(endpoint(), 1);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeAwsServer answer(Response... answers) {
        synchronized (responses) {
            responses.addAll(List.of(answers));
        }
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            Response response;
            synchronized (responses) {
                response = responses.pollFirst();
            }
            if (response == null) {
                response = Response.error(418, "NoAnswerQueued", "the test queued no answer for this request");
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-" + requests.size());
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
