package dev.switchyard.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs asl-validator (npm, pinned in tools/asl-validator/package-lock.json) on a state machine definition, as
 * {@code npx asl-validator --json-path FILE} in tools/asl-validator. Installs the package with {@code npm ci}
 * when node_modules is missing or does not match the lock file, the way the DynamoDB tests install dynalite.
 * Fails, never skips, when Node.js is missing.
 */
final class AslValidator {
    private static final String PACKAGE_DIR = "tools/asl-validator";
    private static final String PACKAGE = "asl-validator";
    private static final int MIN_NODE_MAJOR = 18;
    private static final long INSTALL_TIMEOUT_MINUTES = 5;
    private static final long VALIDATE_TIMEOUT_SECONDS = 120;
    private static final String NODE_NEEDED = "Node.js " + MIN_NODE_MAJOR + "+ (node, npm and npx) is needed because"
            + " the state machine definition is checked by asl-validator, an Amazon States Language validator from"
            + " npm. Install it, e.g. `apt-get install nodejs npm` (Debian/Ubuntu), `brew install node` (macOS) or"
            + " from https://nodejs.org, and make sure node, npm and npx are on the PATH.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean ready;

    private AslValidator() {}

    /** What asl-validator said of a definition. */
    record Result(int exitCode, String output) {
        boolean valid() {
            return exitCode == 0;
        }
    }

    /** Validates the definition file, installing asl-validator first if need be. */
    static Result validate(Path definition) {
        Path packageDir = packageDir();
        ensureInstalled(packageDir);
        Path npx = executable("npx").orElseThrow(() -> new IllegalStateException(NODE_NEEDED + " (no npx on PATH)"));
        // "--no": never download; "--": what follows is asl-validator's, not npm's.
        return run(
                List.of(
                        npx.toString(),
                        "--no",
                        "--",
                        PACKAGE,
                        "--json-path",
                        definition.toAbsolutePath().toString()),
                packageDir,
                VALIDATE_TIMEOUT_SECONDS);
    }

    static Path packageDir() {
        return Repository.root().resolve(PACKAGE_DIR);
    }

    private static synchronized void ensureInstalled(Path packageDir) {
        if (ready) {
            return;
        }
        Path node = executable("node").orElseThrow(() -> new IllegalStateException(NODE_NEEDED + " (no node on PATH)"));
        checkNodeVersion(node);
        if (!upToDate(packageDir)) {
            // A file lock keeps two JVMs (modules tested in parallel) from installing into one directory at once.
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "switchyard-asl-validator-install.lock");
            try (FileChannel channel =
                    FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                if (!upToDate(packageDir)) {
                    npmCi(packageDir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not lock " + lockFile + " to install asl-validator", e);
            }
        }
        ready = true;
    }

    /**
     * node_modules holds the lock file's version of asl-validator, and npm's record of what it installed
     * (node_modules/.package-lock.json) is not older than the lock file: else it is missing or stale.
     */
    static boolean upToDate(Path packageDir) {
        Path installed = packageDir.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        Path record = packageDir.resolve("node_modules/.package-lock.json");
        Path lock = packageDir.resolve("package-lock.json");
        try {
            if (!Files.isRegularFile(installed) || !Files.isRegularFile(record)) {
                return false;
            }
            String wanted = read(lock)
                    .path("packages")
                    .path("node_modules/" + PACKAGE)
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

    private static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        }
    }

    // npm ci (not install) so that the versions are exactly the lock file's; --ignore-scripts, as nothing
    // asl-validator needs is built by an install script.
    private static void npmCi(Path packageDir) {
        Path npm = executable("npm").orElseThrow(() -> new IllegalStateException(NODE_NEEDED + " (no npm on PATH)"));
        List<String> command = List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        Result run = run(command, packageDir, TimeUnit.MINUTES.toSeconds(INSTALL_TIMEOUT_MINUTES));
        if (run.exitCode() != 0 || !upToDate(packageDir)) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` in " + packageDir + " failed (exit "
                    + run.exitCode() + "), so asl-validator, which checks the state machine definition, is not"
                    + " installed. Its output:\n" + run.output());
        }
    }

    private static void checkNodeVersion(Path node) {
        Result run = run(List.of(node.toString(), "--version"), Path.of("").toAbsolutePath(), 30);
        String version = run.output().strip();
        int major;
        try {
            major = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(NODE_NEEDED + " (`" + node + " --version` printed: " + version + ")");
        }
        if (major < MIN_NODE_MAJOR) {
            throw new IllegalStateException(NODE_NEEDED + " (" + node + " is " + version + ")");
        }
    }

    private static Result run(List<String> command, Path dir, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            // Read on another thread: a pipe nobody reads blocks the process once full.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(reading the output failed: " + e + ")";
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "`" + String.join(" ", command) + "` did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + String.join(" ", command), e);
        }
    }

    private static Optional<Path> executable(String name) {
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
