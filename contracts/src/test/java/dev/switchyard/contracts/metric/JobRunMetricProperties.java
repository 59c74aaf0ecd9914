package dev.switchyard.contracts.metric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.Contracts;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every valid metric survives JSON unchanged, on one line, and matches its schema. */
class JobRunMetricProperties {

    @Provide
    Arbitrary<JobRunMetric> metrics() {
        return JobRunMetrics.metrics();
    }

    @Property(tries = 500)
    void shouldReadBackEqual_whenWrittenAsJson(@ForAll("metrics") JobRunMetric metric) {
        String json = Contracts.toJson(metric);

        assertThat(Contracts.fromJson(json, JobRunMetric.class)).isEqualTo(metric);
    }

    @Property(tries = 500)
    void shouldWriteOneLineThatMatchesTheSchema(@ForAll("metrics") JobRunMetric metric) {
        String json = Contracts.toJson(metric);

        assertThat(json).doesNotContain("\n", "\r").doesNotEndWith("\n");
        assertThat(ContractSchemas.problems(ContractSchemas.JOB_RUN_METRIC, json))
                .as(json)
                .isEmpty();
    }
}
