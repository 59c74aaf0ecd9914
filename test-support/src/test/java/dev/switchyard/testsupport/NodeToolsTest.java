package dev.switchyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NodeTools runs commands and tells an installed npm package from a missing or stale one. */
class NodeToolsTest {
    private static final String WHY = "NodeToolsTest runs node";

    @Test
    void shouldReturnTheExitCodeAndTheOutputOfACommand(@TempDir Path dir) {
        Path node = NodeTools.node(WHY);

        NodeTools.Run run = NodeTools.run(
                List.of(node.toString(), "-e", "console.log('out'); console.error('err'); process.exit(3)"),
                dir,
                Duration.ofSeconds(30));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("out", "err");
    }

    @Test
    void shouldFailACommandThatOutlivesItsTimeout(@TempDir Path dir) {
        Path node = NodeTools.node(WHY);

        assertThatThrownBy(() -> NodeTools.run(
                        List.of(node.toString(), "-e", "console.log('started'); setTimeout(() => {}, 60000)"),
                        dir,
                        Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not finish within 2 s");
    }

    @Test
    void shouldFindAPackageUpToDateOnlyWhenItsVersionAndRecordMatchTheLockFile(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("package-lock.json"), "{\"packages\": {\"node_modules/tool\": {\"version\": \"1.2.3\"}}}");
        assertThat(NodeTools.upToDate(dir, "tool")).as("nothing installed").isFalse();

        Files.createDirectories(dir.resolve("node_modules/tool"));
        Files.writeString(dir.resolve("node_modules/tool/package.json"), "{\"version\": \"1.2.2\"}");
        Files.writeString(dir.resolve("node_modules/.package-lock.json"), "{}");
        assertThat(NodeTools.upToDate(dir, "tool")).as("another version").isFalse();

        Files.writeString(dir.resolve("node_modules/tool/package.json"), "{\"version\": \"1.2.3\"}");
        assertThat(NodeTools.upToDate(dir, "tool"))
                .as("the lock file's version")
                .isTrue();
    }

    @Test
    void shouldSayWhyNodeIsNeededWhenAnExecutableIsMissing() {
        assertThatThrownBy(() -> NodeTools.executable("no-such-node-tool", WHY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is needed because " + WHY)
                .hasMessageContaining("(no no-such-node-tool on PATH)");
    }
}
