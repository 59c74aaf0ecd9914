package dev.switchyard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine definition is valid Amazon States Language, as asl-validator (npm) judges it. */
class AslValidatorTest {

    @Test
    void shouldAcceptTheDefinition() {
        AslValidator.Result result = AslValidator.validate(Repository.definition());

        assertThat(result.valid())
                .as("asl-validator on %s said:%n%s", Repository.definition(), result.output())
                .isTrue();
    }

    @Test
    void shouldRefuseADefinitionWhoseNextNamesAMissingState(@TempDir Path dir) throws IOException {
        String definition = Files.readString(Repository.definition());
        String broken = definition.replace("\"Next\": \"Summarize\"", "\"Next\": \"NoSuchState\"");
        assertThat(broken).as("the copy must differ from the definition").isNotEqualTo(definition);
        Path file = Files.writeString(dir.resolve("broken.asl.json"), broken);

        AslValidator.Result result = AslValidator.validate(file);

        assertThat(result.valid())
                .as("asl-validator's output:%n%s", result.output())
                .isFalse();
        assertThat(result.output()).contains("NoSuchState");
    }

    @Test
    void shouldFindTheInstalledPackageUpToDateAfterValidating() {
        AslValidator.validate(Repository.definition());

        assertThat(AslValidator.upToDate(AslValidator.packageDir())).isTrue();
    }

    @Test
    void shouldFindAnEmptyDirectoryNotInstalled(@TempDir Path dir) throws IOException {
        Files.copy(AslValidator.packageDir().resolve("package-lock.json"), dir.resolve("package-lock.json"));

        assertThat(AslValidator.upToDate(dir)).isFalse();
    }
}
