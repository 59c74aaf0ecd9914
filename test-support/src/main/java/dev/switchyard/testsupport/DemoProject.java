package dev.switchyard.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The README's demo project (examples/demo), copied for a test that runs it, from a module's directory. */
public final class DemoProject {
    /** Where the demo lies, seen from a module's directory (Maven runs tests there). */
    public static final Path SOURCE = Path.of("../examples/demo");

    private DemoProject() {}

    /** A copy of examples/demo in {@code dir}/demo, without the state a run leaves in .switchyard. */
    public static Path copyTo(Path dir) throws IOException {
        Path project = dir.resolve("demo");
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path source :
                    files.filter(p -> !p.toString().contains(".switchyard")).toList()) {
                Path target = project.resolve(SOURCE.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return project;
    }
}
