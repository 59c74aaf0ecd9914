package dev.switchyard.ingest.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a Lambda cold start does, in a fresh JVM: construct the events handler as the runtime does (the
 * no-argument constructor, wiring the real adapters from the environment) and handle one event. Run by
 * {@code benchmarks/cold-start.sh} on the deployable jar; prints the moments, in epoch nanoseconds and as
 * offsets from the handler's first line, so that the script can add the JVM's own start.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        long entered = System.nanoTime();
        long enteredEpoch = epochNanos();
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        EventBridgeHandler handler = new EventBridgeHandler();
        long constructed = System.nanoTime();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, null);
        long handled = System.nanoTime();
        System.out.printf(
                "main=%d construct_ms=%.1f handle_ms=%.1f done=%d response=%s%n",
                enteredEpoch,
                (constructed - entered) / 1e6,
                (handled - constructed) / 1e6,
                enteredEpoch + (handled - entered),
                response.toString(StandardCharsets.UTF_8));
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
