package dev.switchyard.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's {@code jobs.yaml} (SPEC §7): the local command that stands in for each Glue job. Each top-level
 * key is a Glue job name; its value is the command ({@code sh -c}), or a mapping with {@code command} and an
 * optional {@code timeoutSeconds}:
 *
 * <pre>
 * raw_orders: ./jobs/load.sh orders
 * raw_stores:
 *   command: ./jobs/load.sh stores
 *   timeoutSeconds: 30
 * </pre>
 */
public record JobsFile(Path file, Map<String, LocalJob> jobs) {

    /** One job's stand-in. {@code timeout} null: none, as a Glue job's default of 48 hours is for a laptop. */
    public record LocalJob(String name, String command, Duration timeout) {
        public LocalJob {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(command, "command");
        }
    }

    public JobsFile {
        jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    }

    public Optional<LocalJob> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /**
     * Reads a jobs file.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong
     */
    public static JobsFile read(Path file) {
        Map<String, LocalJob> jobs = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new JobsFile(file, jobs);
            }
            if (first != JsonToken.START_OBJECT) {
                throw problem(file, parser.currentLocation(), "expected a mapping of Glue job names to commands");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonLocation at = parser.currentLocation();
                if (name.isBlank()) {
                    throw problem(file, at, "a job name is empty");
                }
                if (jobs.containsKey(name)) {
                    throw problem(file, at, "job '" + name + "' is listed twice");
                }
                jobs.put(name, job(file, parser, name, at));
            }
        } catch (JsonProcessingException e) {
            throw problem(file, e.getLocation(), "not YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new JobsFile(file, jobs);
    }

    private static LocalJob job(Path file, JsonParser parser, String name, JsonLocation at) throws IOException {
        JsonToken value = parser.nextToken();
        if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
            // `job: true` is the shell's true, not a boolean: any scalar is the command's text.
            return new LocalJob(name, command(file, at, name, parser.getText()), null);
        }
        if (value != JsonToken.START_OBJECT) {
            throw problem(file, at, "job '" + name + "': expected a command or {command, timeoutSeconds}");
        }
        String command = null;
        Duration timeout = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation fieldAt = parser.currentLocation();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "command" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw problem(file, fieldAt, "job '" + name + "': command must be a string");
                    }
                    command = command(file, fieldAt, name, parser.getText());
                }
                case "timeoutSeconds" -> {
                    if (token != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 1) {
                        throw problem(
                                file,
                                fieldAt,
                                "job '" + name + "': timeoutSeconds must be a whole number of seconds, at least 1, not "
                                        + parser.getText());
                    }
                    timeout = Duration.ofSeconds(parser.getLongValue());
                }
                default ->
                    throw problem(
                            file,
                            fieldAt,
                            "job '" + name + "': unknown field '" + field + "' (expected command, timeoutSeconds)");
            }
        }
        if (command == null) {
            throw problem(file, at, "job '" + name + "' has no command");
        }
        return new LocalJob(name, command, timeout);
    }

    private static String command(Path file, JsonLocation at, String name, String text) {
        if (text.isBlank()) {
            throw problem(file, at, "job '" + name + "': the command is empty");
        }
        return text;
    }

    private static IllegalArgumentException problem(Path file, JsonLocation at, String message) {
        String where = at == null || at.getLineNr() < 1 ? file.toString() : file + ":" + at.getLineNr();
        return new IllegalArgumentException(where + ": " + message);
    }
}
