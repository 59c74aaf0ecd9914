package dev.switchyard.dashboard;

import static dev.switchyard.dashboard.World.D;
import static dev.switchyard.dashboard.World.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.dynamodb.Dynalite;
import dev.switchyard.dynamodb.DynamoItemTable;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The overview of stores on DynamoDB's API (dynalite) is the overview of the same stores in memory. */
class DynamoOverviewTest {
    private static ItemTable table(TableSchema schema) {
        String name = "dashboard-" + schema.name() + "-" + UUID.randomUUID();
        DynamoTables.create(Dynalite.client(), schema, name);
        return new DynamoItemTable(Dynalite.client(), schema, name);
    }

    /** A day with a blocked category run, a slow run, a run still going, a skipped job and a waiting category. */
    private static World day(World world) {
        return world.category("RAW")
                .category("STG", "RAW")
                .job("raw_orders", "RAW", "DAILY", "NO")
                .job("raw_customers", "RAW", "DAILY", "NO")
                .job("raw_legacy", "RAW", "DAILY", "YES")
                .job("stg_orders", "STG", "DAILY", "NO")
                .history("raw_customers", 15, 300, 320, 290)
                .history("raw_orders", 12, 60, 65)
                .open("RAW", D, "raw_customers", "raw_orders")
                .run("raw_customers", "jr_slow", T0, 3_000, JobRunState.SUCCEEDED)
                .run("raw_orders", "jr_failed", T0, 20, JobRunState.FAILED)
                .running("stg_orders", "jr_going", T0.plusSeconds(60));
    }

    @Test
    void shouldShowOnDynamoDbWhatItShowsInMemory() {
        World dynamo = day(new World(table(ControlTable.SCHEMA), table(StateTable.SCHEMA)));
        World memory = day(new World());
        Instant now = T0.plusSeconds(3_600);

        Overview onDynamo = new OverviewReader("test", dynamo.jobs, dynamo.state, ZoneOffset.UTC, false).read(D, now);
        Overview inMemory = new OverviewReader("test", memory.jobs, memory.state, ZoneOffset.UTC, false).read(D, now);

        assertThat(onDynamo).isEqualTo(inMemory);
        assertThat(onDynamo.blocked()).extracting(Overview.Blocked::category).containsExactly("RAW");
        assertThat(onDynamo.anomalies())
                .extracting(Overview.AnomalyView::jobName, Overview.AnomalyView::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("raw_customers", "SLOW"));
        assertThat(OverviewReaderTest.job(onDynamo, "stg_orders").statusFlag()).isEqualTo("RUNNING");
    }
}
