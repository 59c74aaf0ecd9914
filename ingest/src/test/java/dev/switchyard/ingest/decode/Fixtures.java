package dev.switchyard.ingest.decode;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The AWS event samples under {@code src/test/resources/events}, and ways to load and bend them. */
final class Fixtures {
    static final List<String> GLUE = List.of(
            "glue-job-state-change-failed.json",
            "glue-job-state-change-stopped.json",
            "glue-job-state-change-succeeded.json",
            "glue-job-state-change-timeout.json",
            "glue-job-run-status-running.json",
            "glue-job-run-status-starting.json",
            "glue-job-run-status-stopping.json");
    static final List<String> EXECUTIONS =
            List.of("sfn-execution-status-change-succeeded.json", "sfn-execution-status-change-failed.json");
    static final List<String> STREAMS =
            List.of("ddb-stream-lambda.json", "ddb-stream-lambda-devguide-example.json", "ddb-stream-ttl-remove.json");

    private Fixtures() {}

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String name) {
        return (ObjectNode) tree(text(name).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The i-th record (from 0) of a Lambda stream event fixture, as its own JSON text. */
    static String record(String name, int i) {
        return render(tree(name).get("Records").get(i));
    }

    /** A Lambda event's JSON bound to the runtime's classes exactly as the Lambda Java runtime binds it. */
    static DynamodbEvent lambdaEvent(String json) {
        InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, Fixtures.class.getClassLoader())
                .fromJson(in);
    }

    static InboundEvent accepted(Received received) {
        if (received instanceof Received.Accepted accepted) {
            return accepted.event();
        }
        throw new AssertionError("expected an event, got " + received);
    }

    static Rejection rejected(Received received) {
        if (received instanceof Received.Rejected rejected) {
            return rejected.rejection();
        }
        throw new AssertionError("expected a rejection, got " + received);
    }
}
