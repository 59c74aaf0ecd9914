package dev.switchyard.reactor.react;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.stream.TableChange;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Audit entries from control-table changes: what changed, and who changed it. */
class AuditsTest {
    private static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

    private static Map<String, Attr> item(String skip, String by, String at) {
        return Map.of(
                "JobName", new Attr.S("JOB1"),
                "SkipFlag", new Attr.S(skip),
                "UpdatedBy", new Attr.S(by),
                "UpdatedAt", new Attr.S(at));
    }

    private static TableChange change(
            TableChange.Kind kind, Map<String, Attr> before, Map<String, Attr> after, boolean ttl) {
        return new TableChange(
                "ev-1", "100", kind, "glue-control", Map.of("JobName", new Attr.S("JOB1")), before, after, AT, ttl);
    }

    @Test
    void shouldListOnlyWhatChanged_andNameTheWriter() {
        AuditEntry entry = Audits.of(change(
                TableChange.Kind.MODIFY,
                item("NO", "bob", "2026-11-20T09:00:00Z"),
                item("YES", "alice", "2026-11-30T08:00:00Z"),
                false));

        assertThat(entry.actor()).isEqualTo("alice");
        assertThat(entry.changed()).containsOnlyKeys("SkipFlag", "UpdatedAt", "UpdatedBy");
        assertThat(entry.changed().get("SkipFlag").before().asText()).isEqualTo("NO");
        assertThat(entry.changed().get("SkipFlag").after().asText()).isEqualTo("YES");
        assertThat(entry.key().get("JobName").asText()).isEqualTo("JOB1");
    }

    @Test
    void shouldNameTheDeleter_whenSwitchyardStampedTheItemJustBefore_andNoOneOtherwise() {
        AuditEntry stamped =
                Audits.of(change(TableChange.Kind.REMOVE, item("NO", "carol", "2026-11-30T07:59:59Z"), null, false));
        AuditEntry stale =
                Audits.of(change(TableChange.Kind.REMOVE, item("NO", "bob", "2026-11-20T09:00:00Z"), null, false));
        AuditEntry expired =
                Audits.of(change(TableChange.Kind.REMOVE, item("NO", "bob", "2026-11-30T07:59:59Z"), null, true));

        assertThat(stamped.actor()).isEqualTo("carol");
        assertThat(stale.actor()).as("deleted elsewhere, e.g. in the console").isEqualTo(Audits.UNKNOWN_ACTOR);
        assertThat(expired.actor()).isEqualTo(AuditEntry.TTL_ACTOR);
        assertThat(stamped.changed()).containsKey("SkipFlag");
        assertThat(stamped.changed().get("SkipFlag").after()).isNull();
    }
}
