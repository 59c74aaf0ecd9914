package dev.switchyard.infra;

import dev.switchyard.testsupport.NodeTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs asl-validator (npm, pinned in tools/asl-validator/package-lock.json) on a state machine definition, as
 * {@code npx asl-validator --json-path FILE} in tools/asl-validator. Installs the package with {@code npm ci}
 * when node_modules is missing or does not match the lock file, the way the DynamoDB tests install dynalite.
 * Fails, never skips, when Node.js is missing.
 */
final class AslValidator {
    private static final String PACKAGE_DIR = "tools/asl-validator";
    private static final String PACKAGE = "asl-validator";
    private static final Duration VALIDATE_TIMEOUT = Duration.ofSeconds(120);
    private static final String WHY = "the state machine definition is checked by asl-validator, an Amazon States"
            + " Language validator from npm";

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
        Path npx = NodeTools.executable("npx", WHY);
        // "--no": never download; "--": what follows is asl-validator's, not npm's.
        NodeTools.Run run = NodeTools.run(
                List.of(
                        npx.toString(),
                        "--no",
                        "--",
                        PACKAGE,
                        "--json-path",
                        definition.toAbsolutePath().toString()),
                packageDir,
                VALIDATE_TIMEOUT);
        return new Result(run.exitCode(), run.output());
    }

    static Path packageDir() {
        return Repository.root().resolve(PACKAGE_DIR);
    }

    // npm ci --ignore-scripts, as nothing asl-validator needs is built by an install script.
    private static synchronized void ensureInstalled(Path packageDir) {
        if (ready) {
            return;
        }
        NodeTools.node(WHY);
        NodeTools.installIfStale(packageDir, PACKAGE, WHY);
        ready = true;
    }

    /** asl-validator is installed in packageDir as its lock file pins it (see {@link NodeTools#upToDate}). */
    static boolean upToDate(Path packageDir) {
        return NodeTools.upToDate(packageDir, PACKAGE);
    }
}
