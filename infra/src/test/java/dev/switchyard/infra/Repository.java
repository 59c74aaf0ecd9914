package dev.switchyard.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, from a test running in the module's directory or anywhere below the root. */
final class Repository {
    private static final String MARKER = "infra/statemachine.asl.json";

    private Repository() {}

    /** The directory holding infra/statemachine.asl.json: the working directory or one above it. */
    static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + MARKER + " in " + start
                + " or a directory above it; run the tests from the Switchyard repository");
    }

    static Path template() {
        return root().resolve("infra/template.yaml");
    }

    static Path definition() {
        return root().resolve(MARKER);
    }
}
