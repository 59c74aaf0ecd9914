package dev.switchyard.reactor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.schedule.RunCondition;
import dev.switchyard.contracts.schedule.RunConditionParser;
import dev.switchyard.contracts.table.ControlTableItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 11, 25);

    private static final List<ControlTableItem> SEED = List.of(
            ControlTableItem.of("JOB1", "RAW", "MONDAY,TUESDAY", "NO"),
            ControlTableItem.of("JOB2", "RAW", "MONDAY,TUESDAY", "NO"),
            ControlTableItem.of("JOB3", "STG", null, "YES"));

    @Test
    void shouldScheduleTheSeedTablesRawJobsOnMonday_andNotOnWednesday() {
        Plan monday = new Planner().plan("RAW", MONDAY, null, SEED);
        assertThat(monday.decisions())
                .extracting(d -> d.item().jobName(), Decision::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("JOB1", Reason.SCHEDULED),
                        org.assertj.core.groups.Tuple.tuple("JOB2", Reason.SCHEDULED));
        assertThat(monday.decisions().getFirst().detail()).isEqualTo("MONDAY matches Monday 2026-11-30");
        Plan wednesday = new Planner().plan("RAW", WEDNESDAY, null, SEED);
        assertThat(wednesday.scheduled()).isEmpty();
        assertThat(wednesday.decisions().getFirst().detail()).isEqualTo("no term matches Wednesday 2026-11-25");
    }

    @Test
    void shouldSkipEvenWhenTheRunConditionIsInvalid() {
        Plan plan = new Planner().plan("STG", MONDAY, null, SEED);
        assertThat(plan.decisions()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.SKIPPED);
            assertThat(d.detail()).isEqualTo("SkipFlag is YES");
        });
    }

    @Test
    void shouldDecideInSpecOrder_invalidSkipFlagFirstThenSkipThenInvalidConditionThenSchedule() {
        List<ControlTableItem> table = List.of(
                ControlTableItem.of("a-bad-flag-bad-cond", "C", "MONDY", "MAYBE"),
                ControlTableItem.of("b-skip-bad-cond", "C", "MONDY", "Y"),
                ControlTableItem.of("c-bad-cond", "C", "MONDY", "N"),
                ControlTableItem.of("d-missing-cond", "C", null, null),
                ControlTableItem.of("e-runs", "C", "WEEKDAYS", null),
                ControlTableItem.of("f-excluded", "C", "WEEKDAYS,!LAST_MON", null));
        Plan plan = new Planner().plan("C", MONDAY, null, table);
        assertThat(plan.decisions())
                .extracting(Decision::reason)
                .containsExactly(
                        Reason.INVALID_SKIP_FLAG,
                        Reason.SKIPPED,
                        Reason.INVALID_RUN_CONDITION,
                        Reason.INVALID_RUN_CONDITION,
                        Reason.SCHEDULED,
                        Reason.NOT_SCHEDULED);
        assertThat(plan.decisions().get(2).detail())
                .contains("'MONDY' at position 1")
                .contains("did you mean MONDAY?");
        assertThat(plan.decisions().get(5).detail()).isEqualTo("excluded by !LAST_MON on Monday 2026-11-30");
        assertThat(plan.invalid()).hasSize(3);
    }

    @Test
    void shouldPlanOnlyTheEnvironmentsJobsAndThoseWithNone_inJobNameOrder() {
        List<ControlTableItem> table =
                List.of(withEnvironment("p", "prod"), withEnvironment("d", "dev"), withEnvironment("any", null));
        assertThat(new Planner().plan("RAW", MONDAY, "prod", table).decisions())
                .extracting(d -> d.item().jobName())
                .containsExactly("any", "p");
        assertThat(new Planner().plan("RAW", MONDAY, null, table).decisions()).hasSize(3);
    }

    private static ControlTableItem withEnvironment(String name, String environment) {
        return new ControlTableItem(name, environment, "RAW", "DAILY", null, null, null, Map.of());
    }

    @Test
    void shouldParseEachDistinctConditionOncePerPlan() {
        Map<String, Integer> parses = new HashMap<>();
        Function<String, RunCondition> counting = text -> {
            parses.merge(text, 1, Integer::sum);
            return RunConditionParser.parse(text);
        };
        List<ControlTableItem> table = new ArrayList<>();
        String[] conditions = {"DAILY", "MON-FRI", "MONDY", "cron(0 0 ? * MON-FRI *)"};
        for (int i = 0; i < 1000; i++) {
            table.add(ControlTableItem.of("job" + i, "RAW", conditions[i % conditions.length], "NO"));
        }
        Planner planner = new Planner(counting);
        planner.plan("RAW", MONDAY, null, table);
        assertThat(parses)
                .hasSize(4)
                .allSatisfy((text, count) -> assertThat(count).isEqualTo(1));
        planner.plan("RAW", MONDAY.plusDays(1), null, table);
        assertThat(parses.values()).as("a new plan reads the table afresh").containsOnly(2);
    }

    @Test
    void shouldWriteTheCheckerPayloadInTheSeedShape() throws Exception {
        List<ControlTableItem> table = List.of(
                ControlTableItem.of("my_glue_job", "RAW", "Monday, Wednesday", "No"),
                new ControlTableItem("oops_job", null, "RAW", "oops", new Attr.Bool(false), null, null, Map.of()));
        String json = Json.mapper()
                .writeValueAsString(
                        new Planner().plan("RAW", MONDAY, null, table).payloads());
        assertThat(json)
                .startsWith(
                        "[{\"JobName\":\"my_glue_job\",\"RunCondition\":\"Monday, Wednesday\","
                                + "\"SkipFlag\":\"No\",\"ShouldRunToday\":true,\"Reason\":\"SCHEDULED\",\"RunDate\":\"2026-11-30\"},"
                                + "{\"JobName\":\"oops_job\",\"RunCondition\":\"oops\",\"SkipFlag\":\"false\",\"ShouldRunToday\":false,"
                                + "\"Reason\":\"INVALID_RUN_CONDITION\",\"RunDate\":\"2026-11-30\",\"Error\":\"'oops' at position 1");
    }
}
