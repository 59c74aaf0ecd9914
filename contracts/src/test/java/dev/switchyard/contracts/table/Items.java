package dev.switchyard.contracts.table;

import dev.switchyard.contracts.attr.Attr;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of control-table items for the round-trip properties. */
public final class Items {
    private Items() {}

    /** Text that may hold commas, quotes, line breaks and non-ASCII letters, but never blank. */
    public static Arbitrary<String> texts() {
        return Arbitraries.strings()
                .withChars("abcXYZ_-,\"' \n;:é漢")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .numeric()
                .withChars("_-.")
                .ofMinLength(1)
                .ofMaxLength(20)
                .filter(s -> !s.isBlank());
    }

    /** Items whose columns are strings only, which every format (CSV too) keeps exactly. */
    public static Arbitrary<ControlTableItem> stringItems() {
        return items(Arbitraries.maps(otherNames(), texts().map(t -> (Attr) new Attr.S(t)))
                        .ofMaxSize(3))
                .filter(i -> !(i.skipFlag() instanceof Attr.Bool));
    }

    /** Items whose other columns hold any JSON-expressible value. */
    public static Arbitrary<ControlTableItem> jsonItems() {
        return items(Arbitraries.maps(otherNames(), jsonValues()).ofMaxSize(3));
    }

    /** Items whose other columns hold any DynamoDB value, sets and binaries included. */
    public static Arbitrary<ControlTableItem> dynamoItems() {
        Arbitrary<Attr> sets = Arbitraries.oneOf(
                texts().list().ofMinSize(1).ofMaxSize(3).uniqueElements().map(Attr.SS::new),
                Arbitraries.longs()
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements()
                        .map(l -> new Attr.NS(l.stream().map(String::valueOf).toList())),
                Arbitraries.of("AAEC", "/w==").map(Attr.B::new),
                Arbitraries.just(new Attr.BS(List.of("AAEC", "/w=="))));
        return items(Arbitraries.maps(otherNames(), Arbitraries.oneOf(jsonValues(), sets))
                .ofMaxSize(3));
    }

    private static Arbitrary<String> otherNames() {
        return Arbitraries.of("LastRunId", "Owner", "Version", "Notes", "Team", "LastDurationSeconds");
    }

    private static Arbitrary<Attr> jsonValues() {
        Arbitrary<Attr> scalars = Arbitraries.oneOf(
                texts().map(Attr.S::new),
                Arbitraries.longs().map(Attr::n),
                Arbitraries.of("1.5", "-0.25", "12345678901234567890123").map(Attr.N::new),
                Arbitraries.of(true, false).map(Attr.Bool::new),
                Arbitraries.just(new Attr.Null()));
        return Arbitraries.oneOf(
                scalars,
                scalars.list().ofMaxSize(3).map(Attr.L::new),
                Arbitraries.maps(Arbitraries.of("a", "b", "c"), scalars)
                        .ofMaxSize(2)
                        .map(m -> new Attr.M(new LinkedHashMap<>(m))));
    }

    private static Arbitrary<ControlTableItem> items(Arbitrary<Map<String, Attr>> others) {
        return Combinators.combine(
                        names(),
                        Arbitraries.of("dev", "prod").injectNull(0.5),
                        Arbitraries.of("RAW", "STG", "Daily_Sales"),
                        Arbitraries.of(
                                        "MONDAY,TUESDAY",
                                        "Monday, Wednesday",
                                        "cron(0 0 ? * MON-FRI *)",
                                        "!DAY_1",
                                        "oops")
                                .injectNull(0.2),
                        Arbitraries.oneOf(
                                        Arbitraries.of("YES", "NO", "no", "maybe")
                                                .map(v -> (Attr) new Attr.S(v)),
                                        Arbitraries.of(true, false).map(v -> (Attr) new Attr.Bool(v)))
                                .injectNull(0.2),
                        Arbitraries.of(JobRunState.class).injectNull(0.3),
                        Arbitraries.longs()
                                .between(0, 4_102_444_800L)
                                .map(Instant::ofEpochSecond)
                                .injectNull(0.3),
                        others)
                .as(ControlTableItem::new);
    }
}
