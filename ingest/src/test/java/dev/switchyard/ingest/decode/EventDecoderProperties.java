package dev.switchyard.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.table.JobRunState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

class EventDecoderProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long LAST_SECOND =
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private final EventDecoder decoder = new EventDecoder();

    @Property
    void shouldDecodeWhatItRenders_forAnyValidGlueEvent(@ForAll("glueEvents") GlueJobEvent event) {
        assertThat(decoder.decode(render(event), "line 1")).isEqualTo(new Received.Accepted(event));
    }

    @Property(tries = 2_000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void shouldNeverThrow_whateverTheDamageToAnEvent(
            @ForAll("samples") String name, @ForAll @Size(min = 1, max = 6) List<@From("damages") Damage> damages) {
        String damaged = damage(Fixtures.bytes(name), damages);

        Received received = decoder.decode(damaged, "line 1");

        assertThat(received).isNotNull();
        assertNotUnexpected(received);
        Statistics.label("outcome").collect(received.getClass().getSimpleName());
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("Accepted").count((Integer n) -> n > 0);
            coverage.check("Rejected").count((Integer n) -> n > 0);
        });
    }

    @Property(tries = 1_000)
    void shouldNeverThrow_whateverTheDamageToALambdaEvent(
            @ForAll("streams") String name, @ForAll @Size(min = 1, max = 6) List<@From("damages") Damage> damages) {
        String damaged = damage(Fixtures.bytes(name), damages);

        List<Received> received = decoder.decodeLambdaStreamEvent(damaged);

        assertThat(received).doesNotContainNull();
        received.forEach(EventDecoderProperties::assertNotUnexpected);
    }

    private static void assertNotUnexpected(Received received) {
        if (received instanceof Received.Rejected rejected) {
            assertThat(rejected.rejection().reason()).doesNotStartWith("unexpected");
        }
    }

    @Provide
    Arbitrary<GlueJobEvent> glueEvents() {
        Arbitrary<GlueJobEvent.Kind> kinds = Arbitraries.of(GlueJobEvent.Kind.class);
        Arbitrary<String> ids = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-', '_', ':', '.', 'é', '漢')
                .ofMinLength(1)
                .ofMaxLength(255);
        Arbitrary<String> names = Arbitraries.strings()
                .withCharRange('A', 'Z')
                .withCharRange('a', 'z')
                .withChars(' ', '_', '-', '.', '"', '\\', 'ß', '日')
                .ofMinLength(1)
                .ofMaxLength(255)
                .filter(s -> !s.isBlank());
        Arbitrary<Instant> seconds = Arbitraries.longs().between(0, LAST_SECOND).map(Instant::ofEpochSecond);
        Arbitrary<Instant> millis =
                Arbitraries.longs().between(0, LAST_SECOND * 1000).map(Instant::ofEpochMilli);
        Arbitrary<String> messages = Arbitraries.strings().ofMaxLength(300);
        return kinds.flatMap(kind -> Combinators.combine(
                        ids, names, ids, states(kind), seconds, millis.injectNull(0.3), messages.injectNull(0.3))
                .as((id, job, run, state, time, startedOn, message) ->
                        new GlueJobEvent(id, kind, job, run, state, time, startedOn, message)));
    }

    private static Arbitrary<JobRunState> states(GlueJobEvent.Kind kind) {
        return Arbitraries.of(Arrays.stream(JobRunState.values())
                .filter(s -> s.isTerminal() == (kind == GlueJobEvent.Kind.STATE_CHANGE))
                .toList());
    }

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(Stream.of(Fixtures.GLUE, Fixtures.EXECUTIONS, Fixtures.STREAMS)
                .flatMap(List::stream)
                .toList());
    }

    @Provide
    Arbitrary<String> streams() {
        return Arbitraries.of(Fixtures.STREAMS);
    }

    /** One change to a text's bytes, at a fraction of its length. */
    record Damage(Kind kind, double at, byte value, int length) {
        enum Kind {
            FLIP,
            INSERT,
            DELETE,
            TRUNCATE,
            DUPLICATE
        }
    }

    @Provide
    Arbitrary<Damage> damages() {
        return Combinators.combine(
                        Arbitraries.of(Damage.Kind.class),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.bytes(),
                        Arbitraries.integers().between(1, 64))
                .as(Damage::new);
    }

    private static String damage(byte[] original, List<Damage> damages) {
        List<Byte> bytes = new ArrayList<>(original.length);
        for (byte b : original) {
            bytes.add(b);
        }
        for (Damage d : damages) {
            int at = (int) Math.min(bytes.size(), Math.floor(d.at() * bytes.size()));
            int end = Math.min(bytes.size(), at + d.length());
            switch (d.kind()) {
                case FLIP -> {
                    if (at < bytes.size()) {
                        bytes.set(at, d.value());
                    }
                }
                case INSERT -> bytes.add(at, d.value());
                case DELETE -> bytes.subList(at, end).clear();
                case TRUNCATE -> bytes.subList(at, bytes.size()).clear();
                case DUPLICATE -> bytes.addAll(at, new ArrayList<>(bytes.subList(at, end)));
            }
        }
        byte[] result = new byte[bytes.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = bytes.get(i);
        }
        return new String(result, StandardCharsets.UTF_8);
    }

    /** The event as EventBridge delivers it, with the fields the decoder ignores too. */
    private static String render(GlueJobEvent event) {
        ObjectNode root = NODES.objectNode();
        root.put("version", "0");
        root.put("id", event.eventId());
        root.put("detail-type", event.kind().detailType());
        root.put("source", "aws.glue");
        root.put("account", "123456789012");
        root.put("time", event.time().toString());
        root.put("region", "eu-west-1");
        root.putArray("resources");
        ObjectNode detail = root.putObject("detail");
        detail.put("jobName", event.jobName());
        detail.put("severity", event.state().isTerminal() ? "ERROR" : "INFO");
        detail.put("state", event.state().name());
        detail.put("jobRunId", event.jobRunId());
        if (event.message() != null) {
            detail.put("message", event.message());
        }
        if (event.startedOn() != null) {
            detail.put("startedOn", event.startedOn().toString());
        }
        return Fixtures.render(root);
    }
}
