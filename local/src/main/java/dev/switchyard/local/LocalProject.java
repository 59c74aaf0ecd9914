package dev.switchyard.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A local project directory (SPEC §7): {@code control-table.(csv|json|yaml)}, optionally {@code
 * categories.(csv|json|yaml)}, and {@code jobs.yaml}; Switchyard keeps its store, logs, metrics and audit
 * under {@code .switchyard/} in it.
 */
public record LocalProject(Path dir, Path controlTable, Optional<Path> categories, Path jobs) {
    private static final List<String> EXTENSIONS = List.of("csv", "json", "yaml", "yml");

    /**
     * Finds a project's files.
     *
     * @throws IllegalArgumentException naming what is missing or found twice
     */
    public static LocalProject at(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such project directory");
        }
        Path table = one(dir, "control-table")
                .orElseThrow(() -> new IllegalArgumentException(
                        dir + ": no control-table.csv (or .json, .yaml): a" + " project needs its control table"));
        Path jobs = dir.resolve("jobs.yaml");
        if (!Files.isRegularFile(jobs)) {
            throw new IllegalArgumentException(
                    dir + ": no jobs.yaml: a project maps each Glue job name to a local" + " command there");
        }
        return new LocalProject(dir, table, one(dir, "categories"), jobs);
    }

    /** Where Switchyard keeps what a run leaves behind. */
    public Path stateDir() {
        return dir.resolve(".switchyard");
    }

    private static Optional<Path> one(Path dir, String base) {
        List<Path> found = EXTENSIONS.stream()
                .map(ext -> dir.resolve(base + "." + ext))
                .filter(Files::isRegularFile)
                .toList();
        if (found.size() > 1) {
            throw new IllegalArgumentException(dir + ": both " + found.get(0).getFileName() + " and "
                    + found.get(1).getFileName() + " exist; keep one");
        }
        return found.stream().findFirst();
    }
}
