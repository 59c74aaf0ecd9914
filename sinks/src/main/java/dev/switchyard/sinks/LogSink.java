package dev.switchyard.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.Json;
import dev.switchyard.reactor.ports.Sink;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes each value as one JSON log line that starts with a fixed {@code level} and {@code kind}, e.g.
 * {@code {"level":"ERROR","kind":"rejected","where":"line 12","reason":"…"}}: in Lambda, where rejections and
 * audit entries go when no other sink is configured, CloudWatch Logs indexes the line's fields. The value's
 * members follow the prefix; a value that is not a JSON object, or has a member named {@code level} or {@code
 * kind}, is written whole under {@code value}. Safe for several threads.
 */
public final class LogSink<T> implements Sink<T> {
    private final PrintStream out;
    private final String level;
    private final String kind;

    /**
     * @param level e.g. {@code ERROR} or {@code INFO}
     * @param kind what the values are, e.g. {@code rejected} or {@code audit}
     */
    public LogSink(PrintStream out, String level, String kind) {
        this.out = Objects.requireNonNull(out, "out");
        this.level = Objects.requireNonNull(level, "level");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Rejected records, at level ERROR: never dropped in silence. */
    public static <T> LogSink<T> rejections(PrintStream out) {
        return new LogSink<>(out, "ERROR", "rejected");
    }

    /** Audit entries, at level INFO. */
    public static <T> LogSink<T> audit(PrintStream out) {
        return new LogSink<>(out, "INFO", "audit");
    }

    @Override
    public void accept(T value) {
        out.println(line(value));
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write a " + kind + " line to the log"));
        }
    }

    /** The log line of a value. */
    String line(T value) {
        Objects.requireNonNull(value, "value");
        JsonNode json = Contracts.toTree(value);
        ObjectNode line = Json.mapper().createObjectNode().put("level", level).put("kind", kind);
        if (json instanceof ObjectNode object && !object.has("level") && !object.has("kind")) {
            line.setAll(object);
        } else {
            line.set("value", json);
        }
        return Contracts.toJson(line);
    }
}
