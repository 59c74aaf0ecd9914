package dev.switchyard.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The contracts' JSON Schemas (schemas/*.json on the class path), loaded once, with formats asserted. */
public final class ContractSchemas {
    public static final String JOB_RUN_METRIC = "schemas/job-run-metric.v1.json";
    public static final String AUDIT_ENTRY = "schemas/audit-entry.v1.json";
    public static final String DOMAIN_EVENT = "schemas/domain-event.v1.json";

    // Draft 2020-12 treats "format" as an annotation only; asserting it makes "date" and "date-time" checked.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    /** The problems of a JSON text against a schema; empty when it is valid. */
    public static List<String> problems(String resource, String json) {
        return schema(resource).validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    /** The problems of a schema file against the draft 2020-12 meta-schema; empty when it is a valid schema. */
    public static List<String> metaSchemaProblems(String resource) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        return meta.validate(text(resource), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static String text(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("no schema " + resource + " on the class path");
        }
        return in;
    }

    private static Schema schema(String resource) {
        return LOADED.computeIfAbsent(resource, name -> {
            try (InputStream in = open(name)) {
                return REGISTRY.getSchema(in, InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
