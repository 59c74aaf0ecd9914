package dev.switchyard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("jobs.yaml"), yaml);
    }

    @Test
    void shouldReadCommandsInBothForms() throws IOException {
        JobsFile jobs = JobsFile.read(write("""
                # comment
                raw_orders: ./load.sh orders
                raw_stores:
                  command: ./load.sh stores
                  timeoutSeconds: 30
                """));
        assertThat(jobs.jobs()).containsOnlyKeys("raw_orders", "raw_stores");
        assertThat(jobs.job("raw_orders").orElseThrow().command()).isEqualTo("./load.sh orders");
        assertThat(jobs.job("raw_orders").orElseThrow().timeout()).isNull();
        assertThat(jobs.job("raw_stores").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadTheDemoProjectsJobs() {
        JobsFile jobs = JobsFile.read(Path.of("../examples/demo/jobs.yaml"));
        assertThat(jobs.jobs()).hasSize(8).containsKey("mart_daily_sales");
    }

    @Test
    void shouldNameTheLineOfAnUnknownField() throws IOException {
        Path file = write("""
                a: echo a
                b:
                  command: echo b
                  timeout: 5
                """);
        assertThatThrownBy(() -> JobsFile.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobs.yaml:4")
                .hasMessageContaining("unknown field 'timeout'");
    }

    @Test
    void shouldRefuseBadTimeoutsEmptyCommandsAndLists() throws IOException {
        Path timeout = write("a:\n  command: echo\n  timeoutSeconds: 0\n");
        assertThatThrownBy(() -> JobsFile.read(timeout)).hasMessageContaining("timeoutSeconds must be");
        Path empty = write("a: ''\n");
        assertThatThrownBy(() -> JobsFile.read(empty)).hasMessageContaining("the command is empty");
        Path list = write("- a\n- b\n");
        assertThatThrownBy(() -> JobsFile.read(list)).hasMessageContaining("expected a mapping");
        Path missing = write("a:\n  timeoutSeconds: 3\n");
        assertThatThrownBy(() -> JobsFile.read(missing)).hasMessageContaining("job 'a' has no command");
    }

    @Test
    void shouldRefuseAJobListedTwiceAndBrokenYaml() throws IOException {
        Path twice = write("a: echo 1\na: echo 2\n");
        assertThatThrownBy(() -> JobsFile.read(twice)).hasMessageContaining("listed twice");
        Path broken = write("a: 'unclosed\nb: x\n");
        assertThatThrownBy(() -> JobsFile.read(broken)).hasMessageContaining("not YAML");
    }
}
