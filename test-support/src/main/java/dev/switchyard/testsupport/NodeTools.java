package dev.switchyard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Finds Node.js and npm, installs pinned npm packages with {@code npm ci} and runs commands, for tests. */
public final class NodeTools {
    private static final int MIN_NODE_MAJOR = 20;
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final long READ_TIMEOUT_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeTools() {}

    /** What a command exited with and printed (standard output and error together). */
    public record Run(int exitCode, String output) {}

    /**
     * node on the PATH, checked to be Node.js 20 or newer. {@code why} completes "Node.js is needed because ..."
     * in the error that says to install it, e.g. "the X tests run against Y, a Z from npm".
     */
    public static Path node(String why) {
        Path node = executable("node", why);
        checkNodeVersion(node, why);
        return node;
    }

    /** An executable of Node.js (node, npm, npx) on the PATH, or an error saying to install Node.js and why. */
    public static Path executable(String name, String why) {
        return onPath(name)
                .orElseThrow(() -> new IllegalStateException(nodeNeeded(why) + " (no " + name + " on PATH)"));
    }

    /**
     * Runs {@code npm ci --no-audit --no-fund --ignore-scripts} in packageDir unless {@link #upToDate} says the
     * package is installed as its lock file pins it. npm ci (not install) so that the versions are exactly the
     * lock file's. A file lock keeps two JVMs (modules tested in parallel) from installing into one directory at
     * once.
     */
    public static synchronized void installIfStale(Path packageDir, String packageName, String why) {
        if (upToDate(packageDir, packageName)) {
            return;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "switchyard-" + packageName + "-install.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.lock(); // released when the channel closes
            if (!upToDate(packageDir, packageName)) {
                npmCi(packageDir, packageName, why);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + lockFile + " to install " + packageName, e);
        }
    }

    /**
     * node_modules holds the lock file's version of the package, and npm's record of what it installed
     * (node_modules/.package-lock.json) is not older than the lock file: else it is missing or stale.
     */
    public static boolean upToDate(Path packageDir, String packageName) {
        Path installed = packageDir.resolve("node_modules").resolve(packageName).resolve("package.json");
        Path record = packageDir.resolve("node_modules/.package-lock.json");
        Path lock = packageDir.resolve("package-lock.json");
        try {
            if (!Files.isRegularFile(installed) || !Files.isRegularFile(record)) {
                return false;
            }
            String wanted = read(lock)
                    .path("packages")
                    .path("node_modules/" + packageName)
                    .path("version")
                    .asText("");
            String have = read(installed).path("version").asText("");
            return !wanted.isEmpty()
                    && wanted.equals(have)
                    && Files.getLastModifiedTime(record).compareTo(Files.getLastModifiedTime(lock)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs the command in dir and waits for it, reading its output on another thread (a pipe nobody reads blocks
     * the process once full). Fails if it does not finish within the timeout.
     */
    public static Run run(List<String> command, Path dir, Duration timeout) {
        String line = String.join(" ", command);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            ByteArrayOutputStream output = new ByteArrayOutputStream(); // synchronized: safe to read while written
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> drain(process, output), NodeTools::daemon);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("`" + line + "` did not finish within " + timeout.toSeconds()
                        + " s; its output:\n" + output.toString(StandardCharsets.UTF_8));
            }
            read.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Run(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + line, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + line, e);
        }
    }

    private static void npmCi(Path packageDir, String packageName, String why) {
        Path npm = executable("npm", why);
        List<String> command = List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        Run run = run(command, packageDir, INSTALL_TIMEOUT);
        if (run.exitCode() != 0 || !upToDate(packageDir, packageName)) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` in " + packageDir + " failed (exit "
                    + run.exitCode() + "), so " + packageName + " is not installed; it is needed because " + why
                    + ". Its output:\n" + run.output());
        }
    }

    private static void checkNodeVersion(Path node, String why) {
        Run run = run(List.of(node.toString(), "--version"), Path.of("").toAbsolutePath(), VERSION_TIMEOUT);
        String version = run.output().strip();
        int major;
        try {
            major = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(nodeNeeded(why) + " (`" + node + " --version` printed: " + version + ")");
        }
        if (major < MIN_NODE_MAJOR) {
            throw new IllegalStateException(nodeNeeded(why) + " (" + node + " is " + version + ")");
        }
    }

    private static String nodeNeeded(String why) {
        return "Node.js " + MIN_NODE_MAJOR + "+ (node, npm and npx) is needed because " + why + ". Install it, e.g."
                + " `apt-get install nodejs npm` (Debian/Ubuntu), `brew install node` (macOS) or from"
                + " https://nodejs.org, and make sure node, npm and npx are on the PATH.";
    }

    private static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        }
    }

    private static void drain(Process process, ByteArrayOutputStream output) {
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        } catch (IOException e) {
            output.writeBytes(("(reading the output failed: " + e + ")").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "node-tools-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static Optional<Path> onPath(String name) {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(name + ".exe", name + ".cmd") : List.of(name);
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String candidate : names) {
                Path file = Path.of(dir.isEmpty() ? "." : dir, candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
