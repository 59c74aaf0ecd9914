package dev.switchyard.reactor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The reactor decides; it does no I/O and reads no clock, so it can be tested and replayed exactly. */
class DependencyRuleTest {
    private static final JavaClasses REACTOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchyard.reactor");

    @Test
    void reactorUsesNoSdkNoKafkaAndNoIo() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "com.amazonaws..",
                        "org.apache.kafka..",
                        "java.io..",
                        "java.nio.file..",
                        "java.net..",
                        "java.sql..",
                        "java.net.http..")
                .because("the reactor is pure decisions; adapters do the I/O (STYLE.md)")
                .check(REACTOR);
    }

    @Test
    void reactorNeverReadsTheClock() {
        noClasses()
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("time is an argument, so that replays and tests are exact")
                .check(REACTOR);
    }
}
