package dev.switchyard.dynamodb;

import dev.switchyard.testsupport.NodeTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One dynalite server (a DynamoDB-API server from npm, in memory) for all the tests of a JVM, started on
 * first use on a free port and stopped when the JVM exits. Tests fail, never skip, when it cannot start.
 */
public final class Dynalite {
    // dynalite is pinned in tools/dynalite/package-lock.json; its --help lists the options used here.
    private static final String PACKAGE_DIR = "tools/dynalite";
    private static final String CLI = "node_modules/dynalite/cli.js";
    // Loaded before dynalite to make its string comparisons DynamoDB's (UTF-8 bytes); see the file.
    private static final String UTF8_FIX = "utf8-string-order.js";
    private static final String PACKAGE = "dynalite";
    private static final long START_TIMEOUT_SECONDS = 20;
    private static final int START_ATTEMPTS = 3;
    private static final String WHY = "the DynamoDB tests run against dynalite, a DynamoDB-API server from npm";

    private static Server server;
    private static RuntimeException failure;

    private Dynalite() {}

    /** The server's endpoint, {@code http://127.0.0.1:PORT}. */
    public static URI endpoint() {
        return server().endpoint();
    }

    /** A client for the server, shared by every caller; closed when the JVM exits. */
    public static DynamoDbClient client() {
        return server().client();
    }

    private record Server(Process process, URI endpoint, DynamoDbClient client) {}

    // Synchronized and remembering a failure, so that a server that cannot start fails each test at once
    // with the same message instead of being started again for every test.
    private static synchronized Server server() {
        if (failure != null) {
            throw new IllegalStateException("dynalite did not start: " + failure.getMessage(), failure);
        }
        if (server == null) {
            try {
                server = start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return server;
    }

    private static Server start() {
        Path packageDir = repositoryRoot().resolve(PACKAGE_DIR);
        Path node = NodeTools.node(WHY);
        // npm ci --ignore-scripts: the in-memory store dynalite uses by default needs none of the native modules
        // install scripts build.
        NodeTools.installIfStale(packageDir, PACKAGE, WHY);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return launch(node, packageDir, freePort());
            } catch (PortTakenException e) {
                // Another process took the free port between our probe and dynalite's bind; try another.
                last = new IllegalStateException(e.getMessage());
            }
        }
        throw last;
    }

    private static Server launch(Path node, Path packageDir, int port) {
        ProcessBuilder builder = new ProcessBuilder(
                        node.toString(),
                        "--require",
                        packageDir.resolve(UTF8_FIX).toString(),
                        packageDir.resolve(CLI).toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        // Tables become ACTIVE (and are deleted) at once rather than after 500 ms each.
                        "--createTableMs",
                        "0",
                        "--deleteTableMs",
                        "0",
                        "--updateTableMs",
                        "0")
                .directory(packageDir.toFile())
                .redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", builder.command()), e);
        }
        Output output = Output.drain(process);
        waitUntilListening(process, output);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        DynamoDbClient client = DynamoTables.client(endpoint, "us-east-1");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, client), "dynalite-stop"));
        return new Server(process, endpoint, client);
    }

    private static void waitUntilListening(Process process, Output output) {
        try {
            output.listening().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite printed no 'listening' line within " + START_TIMEOUT_SECONDS
                    + " s; its output:\n" + output.text());
        } catch (ExecutionException e) {
            process.destroyForcibly();
            if (output.text().contains("EADDRINUSE")) {
                throw new PortTakenException("dynalite's port was taken; its output:\n" + output.text());
            }
            throw new IllegalStateException("dynalite exited before listening; its output:\n" + output.text());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting dynalite", e);
        }
    }

    private static void stop(Process process, DynamoDbClient client) {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The directory holding tools/dynalite/package.json: the working directory or one above it. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(PACKAGE_DIR).resolve("package.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + PACKAGE_DIR + "/package.json in " + start
                + " or a directory above it; run the tests from" + " the Switchyard repository");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port for dynalite", e);
        }
    }

    /** dynalite could not bind the port it was given. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * A process's output, read to its end by a daemon thread (a pipe nobody reads blocks the process
     * once full), with the last lines kept for error messages.
     */
    private static final class Output {
        private static final int KEPT_LINES = 200;
        private final Deque<String> lines = new ArrayDeque<>();
        private final CompletableFuture<Void> listening = new CompletableFuture<>();

        static Output drain(Process process) {
            Output output = new Output();
            Thread reader = new Thread(() -> output.read(process), "dynalite-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            return output;
        }

        CompletableFuture<Void> listening() {
            return listening;
        }

        synchronized String text() {
            return String.join("\n", new ArrayList<>(lines));
        }

        private void read(Process process) {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    keep(line);
                    // cli.js prints "Dynalite listening at: http://127.0.0.1:PORT" once the socket is bound.
                    if (line.contains("listening")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException e) {
                keep("(reading the output failed: " + e + ")");
            } finally {
                listening.completeExceptionally(new IllegalStateException("the process ended"));
            }
        }

        private synchronized void keep(String line) {
            lines.addLast(line);
            if (lines.size() > KEPT_LINES) {
                lines.removeFirst();
            }
        }
    }
}
