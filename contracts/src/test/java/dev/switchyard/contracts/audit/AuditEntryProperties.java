package dev.switchyard.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every valid audit entry survives JSON unchanged, on one line, and matches its schema. */
class AuditEntryProperties {

    @Provide
    Arbitrary<AuditEntry> entries() {
        return AuditEntries.entries();
    }

    @Provide
    Arbitrary<Attr> jsonAttrs() {
        return AuditEntries.jsonAttrs();
    }

    @Property(tries = 500)
    void shouldReadBackEqual_whenWrittenAsJson(@ForAll("entries") AuditEntry entry) {
        String json = Contracts.toJson(entry);
        AuditEntry read = Contracts.fromJson(json, AuditEntry.class);

        assertThat(read).isEqualTo(entry);
        assertThat(Contracts.toJson(read)).isEqualTo(json);
    }

    @Property(tries = 500)
    void shouldWriteOneLineThatMatchesTheSchema(@ForAll("entries") AuditEntry entry) {
        String json = Contracts.toJson(entry);

        assertThat(json).doesNotContain("\n", "\r");
        assertThat(ContractSchemas.problems(ContractSchemas.AUDIT_ENTRY, json))
                .as(json)
                .isEmpty();
    }

    /** What a consumer reads back as an attribute is what the reactor wrote, to the last digit. */
    @Property(tries = 500)
    void shouldKeepEveryAttribute_whenFilledThroughAttrJson(
            @ForAll("jsonAttrs") Attr before, @ForAll("jsonAttrs") Attr after) {
        AuditEntry entry = new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                "e1",
                "switchyard-control",
                Map.of("JobName", AttrJson.toJson(new Attr.S("sales_raw_load"))),
                dev.switchyard.contracts.stream.TableChange.Kind.MODIFY,
                Map.of("Notes", new AuditEntry.Values(AttrJson.toJson(before), AttrJson.toJson(after))),
                "alice",
                Instant.parse("2026-11-30T08:05:12Z"));

        AuditEntry read = Contracts.fromJson(Contracts.toJson(entry), AuditEntry.class);

        assertThat(read).isEqualTo(entry);
        AuditEntry.Values notes = read.changed().get("Notes");
        assertThat(AttrJson.fromJson(notes.before(), "old")).isEqualTo(before);
        assertThat(AttrJson.fromJson(notes.after(), "new")).isEqualTo(after);
    }
}
