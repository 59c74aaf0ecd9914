package dev.switchyard.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.metric.JobRunMetric;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The contracts written to Kafka, and the headers that tell a consumer what a record holds before it parses the
 * value: {@value #TYPE_HEADER} (the contract's name), {@value #SCHEMA_VERSION_HEADER} (its {@code
 * SchemaVersion}, which the value also carries) and {@value #CONTENT_TYPE_HEADER}. Header values are UTF-8 text.
 */
enum RecordKind {
    METRIC("JobRunMetric", JobRunMetric.SCHEMA_VERSION),
    AUDIT("AuditEntry", AuditEntry.SCHEMA_VERSION);

    static final String TYPE_HEADER = "switchyard-type";
    static final String SCHEMA_VERSION_HEADER = "switchyard-schema-version";
    static final String CONTENT_TYPE_HEADER = "content-type";
    static final String CONTENT_TYPE = "application/json";

    final String type;
    final int schemaVersion;

    RecordKind(String type, int schemaVersion) {
        this.type = type;
        this.schemaVersion = schemaVersion;
    }

    Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TYPE_HEADER, bytes(type));
        headers.add(SCHEMA_VERSION_HEADER, bytes(Integer.toString(schemaVersion)));
        headers.add(CONTENT_TYPE_HEADER, bytes(CONTENT_TYPE));
        return headers;
    }

    /** An audit entry's key: the control table item's JobName, so one job's changes stay in order. */
    static String auditKey(AuditEntry entry) {
        JsonNode jobName = entry.key().get("JobName");
        return jobName != null && jobName.isTextual() ? jobName.asText() : Contracts.toJson(entry.key());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
