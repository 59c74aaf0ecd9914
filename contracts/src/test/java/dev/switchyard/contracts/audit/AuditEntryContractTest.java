package dev.switchyard.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import dev.switchyard.contracts.stream.TableChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON text of an audit entry is pinned, and what is not a valid entry is refused, naming the field. */
class AuditEntryContractTest {

    private static JsonNode json(Attr value) {
        return AttrJson.toJson(value);
    }

    static final AuditEntry ENTRY = new AuditEntry(
            AuditEntry.SCHEMA_VERSION,
            "4b5f0a6e2f1c8d7e9a0b1c2d3e4f5a6b",
            "switchyard-control",
            Map.of("JobName", json(new Attr.S("sales_raw_load"))),
            TableChange.Kind.MODIFY,
            Map.of(
                    "StatusFlag", new AuditEntry.Values(json(new Attr.S("RUNNING")), json(new Attr.S("SUCCEEDED"))),
                    "Version", new AuditEntry.Values(json(Attr.n(7)), json(Attr.n(8))),
                    "LastDurationSeconds", new AuditEntry.Values(null, json(new Attr.N("312.5"))),
                    "LastError", new AuditEntry.Values(json(new Attr.S("Out of memory")), null),
                    "Owner", new AuditEntry.Values(json(new Attr.Null()), json(new Attr.S("Zoë"))),
                    "Tags",
                            new AuditEntry.Values(
                                    json(new Attr.SS(List.of("b", "a"))),
                                    json(new Attr.M(new LinkedHashMap<>(Map.of("on", new Attr.Bool(true))))))),
            "alice@example.com",
            Instant.parse("2026-11-30T08:05:12Z"));

    // Consumers parse these names: a rename must be a deliberate new version. Map entries are in key order.
    static final String ENTRY_JSON = "{\"SchemaVersion\":1,\"AuditId\":\"4b5f0a6e2f1c8d7e9a0b1c2d3e4f5a6b\","
            + "\"Table\":\"switchyard-control\",\"Key\":{\"JobName\":\"sales_raw_load\"},\"Change\":\"MODIFY\","
            + "\"Changed\":{"
            + "\"LastDurationSeconds\":{\"new\":312.5},"
            + "\"LastError\":{\"old\":\"Out of memory\"},"
            + "\"Owner\":{\"old\":null,\"new\":\"Zoë\"},"
            + "\"StatusFlag\":{\"old\":\"RUNNING\",\"new\":\"SUCCEEDED\"},"
            + "\"Tags\":{\"old\":[\"a\",\"b\"],\"new\":{\"on\":true}},"
            + "\"Version\":{\"old\":7,\"new\":8}},"
            + "\"Actor\":\"alice@example.com\",\"At\":\"2026-11-30T08:05:12Z\"}";

    @Test
    void shouldWriteThePinnedJson() {
        assertThat(Contracts.toJson(ENTRY)).isEqualTo(ENTRY_JSON);
        assertThat(Contracts.fromJson(ENTRY_JSON, AuditEntry.class)).isEqualTo(ENTRY);
        assertThat(ContractSchemas.problems(ContractSchemas.AUDIT_ENTRY, ENTRY_JSON))
                .isEmpty();
    }

    @Test
    void shouldTellAnAbsentValueFromANullOne() {
        AuditEntry read = Contracts.fromJson(ENTRY_JSON, AuditEntry.class);

        assertThat(read.changed().get("LastDurationSeconds").before()).isNull();
        assertThat(read.changed().get("Owner").before().isNull()).isTrue();
        assertThat(AttrJson.fromJson(read.changed().get("Owner").before(), "old"))
                .isEqualTo(new Attr.Null());
    }

    @Test
    void shouldKeepEveryDigitOfADynamoDbNumber() {
        Attr.N number = new Attr.N("-1.2345678901234567890123456789012345678");
        String json = Contracts.toJson(new AuditEntry(
                1,
                "a",
                "t",
                Map.of("JobName", json(new Attr.S("j"))),
                TableChange.Kind.INSERT,
                Map.of("Score", new AuditEntry.Values(null, json(number))),
                "bob",
                Instant.EPOCH));

        AuditEntry read = Contracts.fromJson(json, AuditEntry.class);

        assertThat(json).contains("\"new\":-1.2345678901234567890123456789012345678}");
        assertThat(AttrJson.fromJson(read.changed().get("Score").after(), "new"))
                .isEqualTo(number);
    }

    @Test
    void shouldRefuse_whenTheKeyIsMissing() {
        String json = ENTRY_JSON.replace("\"Key\":{\"JobName\":\"sales_raw_load\"},", "");

        assertRefused(json, "AuditEntry: Key is missing");
    }

    @Test
    void shouldRefuse_whenTheChangeIsUnknown() {
        assertRefused(ENTRY_JSON.replace("\"MODIFY\"", "\"UPSERT\""), "Change: cannot read 'UPSERT'");
    }

    @Test
    void shouldRefuse_whenAValueHasAnUnknownSide() {
        assertRefused(
                ENTRY_JSON.replace("{\"new\":312.5}", "{\"new\":312.5,\"was\":1}"),
                "unknown property 'Changed.LastDurationSeconds.was'");
    }

    @Test
    void shouldRefuse_whenAPropertyIsUnknown() {
        assertRefused(ENTRY_JSON.replace("{\"SchemaVersion\":1,", "{\"SchemaVersion\":1,\"Who\":\"x\","), "'Who'");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> Contracts.fromJson(json, AuditEntry.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(ContractSchemas.problems(ContractSchemas.AUDIT_ENTRY, json))
                .as(json)
                .isNotEmpty();
    }
}
