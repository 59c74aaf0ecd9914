package dev.switchyard.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Step Functions for a command under test: an HTTP server on loopback that records each request (its
 * {@code X-Amz-Target} and body) and answers every one with {@code executionArn}, and the AWS SDK's system
 * properties pointing Step Functions clients at it, with test credentials, until closed.
 */
final class FakeStepFunctions implements AutoCloseable {
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> before = new HashMap<>();

    FakeStepFunctions(String executionArn) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = ("{\"executionArn\":\"" + executionArn + "\",\"startDate\":1.79E9}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        Map.of(
                        "aws.endpointUrlSfn",
                                "http://127.0.0.1:" + server.getAddress().getPort(),
                        "aws.accessKeyId", "test",
                        "aws.secretAccessKey", "test")
                .forEach((k, v) -> before.put(k, System.setProperty(k, v)));
    }

    /** Each request, as {@code TARGET BODY}. */
    List<String> requests() {
        return requests;
    }

    @Override
    public void close() {
        before.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        server.stop(0);
    }
}
