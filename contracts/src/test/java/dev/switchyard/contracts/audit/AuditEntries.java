package dev.switchyard.contracts.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.ContractValues;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import dev.switchyard.contracts.stream.TableChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of audit entries whose values are made as the reactor makes them: attributes through AttrJson. */
public final class AuditEntries {
    private AuditEntries() {}

    /** Attribute values that plain JSON holds one to one: strings, numbers, booleans, null, lists, maps. */
    public static Arbitrary<Attr> jsonAttrs() {
        Arbitrary<Attr> scalars = Arbitraries.oneOf(
                ContractValues.texts().map(Attr.S::new),
                Arbitraries.longs().map(Attr::n),
                Arbitraries.bigDecimals()
                        .ofScale(6)
                        .between(new java.math.BigDecimal("-1E9"), new java.math.BigDecimal("1E9"))
                        .map(d -> new Attr.N(d.toPlainString())),
                Arbitraries.of(
                                "1.5",
                                "-0.25",
                                "0.1",
                                "12345678901234567890123",
                                "-99999999999999999999999999999999999999",
                                "1.2345678901234567890123456789012345678",
                                "1E+30",
                                "1E-130",
                                "9.9999999999999999999999999999999999999E+125")
                        .map(Attr.N::new),
                Arbitraries.of(true, false).map(Attr.Bool::new),
                Arbitraries.just(new Attr.Null()));
        Arbitrary<Attr> lists = scalars.list().ofMaxSize(3).map(Attr.L::new);
        Arbitrary<Attr> maps = Arbitraries.maps(ContractValues.texts(), Arbitraries.oneOf(scalars, lists))
                .ofMaxSize(3)
                .map(m -> new Attr.M(new LinkedHashMap<>(m)));
        return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(1, lists), Tuple.of(1, maps));
    }

    /** Any attribute value, DynamoDB's sets and binaries too (which AttrJson writes as arrays and base64). */
    public static Arbitrary<Attr> attrs() {
        Arbitrary<Attr> sets = Arbitraries.oneOf(
                ContractValues.texts()
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements()
                        .map(Attr.SS::new),
                Arbitraries.longs()
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements()
                        .map(l -> new Attr.NS(l.stream().map(String::valueOf).toList())),
                Arbitraries.of("AAEC", "/w==").map(Attr.B::new),
                Arbitraries.just(new Attr.BS(List.of("AAEC", "/w=="))));
        return Arbitraries.frequencyOf(Tuple.of(4, jsonAttrs()), Tuple.of(1, sets));
    }

    private static Arbitrary<Map<String, JsonNode>> keys() {
        return Arbitraries.maps(Arbitraries.of("JobName", "Category", "RunDate", "Sk"), attrs().map(AttrJson::toJson))
                .ofMinSize(1)
                .ofMaxSize(2);
    }

    private static Arbitrary<AuditEntry.Values> values() {
        Arbitrary<JsonNode> side = attrs().map(AttrJson::toJson);
        return Combinators.combine(side.injectNull(0.3), side.injectNull(0.3)).as(AuditEntry.Values::new);
    }

    /** Any valid audit entry. */
    public static Arbitrary<AuditEntry> entries() {
        return Combinators.combine(
                        Arbitraries.strings()
                                .withCharRange('0', '9')
                                .withCharRange('a', 'f')
                                .ofLength(32),
                        Arbitraries.of("switchyard-control", "Ω-table"),
                        keys(),
                        Arbitraries.of(TableChange.Kind.class),
                        Arbitraries.maps(ContractValues.names(), values()).ofMaxSize(5),
                        Arbitraries.oneOf(ContractValues.names(), Arbitraries.just(AuditEntry.TTL_ACTOR)),
                        ContractValues.instants())
                .as((id, table, key, change, changed, actor, at) ->
                        new AuditEntry(AuditEntry.SCHEMA_VERSION, id, table, key, change, changed, actor, at));
    }
}
