package dev.switchyard.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractSchemasTest {

    @ParameterizedTest
    @ValueSource(strings = {ContractSchemas.JOB_RUN_METRIC, ContractSchemas.AUDIT_ENTRY, ContractSchemas.DOMAIN_EVENT})
    void shouldBeAValidDraft202012Schema(String resource) {
        assertThat(ContractSchemas.metaSchemaProblems(resource)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {ContractSchemas.JOB_RUN_METRIC, ContractSchemas.AUDIT_ENTRY, ContractSchemas.DOMAIN_EVENT})
    void shouldRefuseWhatIsNoObject(String resource) {
        assertThat(ContractSchemas.problems(resource, "[]")).isNotEmpty();
        assertThat(ContractSchemas.problems(resource, "{}")).isNotEmpty();
    }
}
