package dev.switchyard.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.reactor.ports.TransientFailureException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DeduplicatingTest {
    private final List<String> passed = new ArrayList<>();

    private Deduplicating<String> dedup(int capacity) {
        return new Deduplicating<>(passed::add, Function.identity(), capacity);
    }

    @Test
    void shouldPassEachKeyOnce() {
        Deduplicating<String> sink = new Deduplicating<>(passed::add, Function.identity());

        List.of("a", "b", "a", "c", "b", "a").forEach(sink::accept);

        assertThat(passed).containsExactly("a", "b", "c");
    }

    @Test
    void shouldPassAgain_whenTheKeyWasEvicted() {
        Deduplicating<String> sink = dedup(2);

        List.of("a", "b", "c", "a").forEach(sink::accept);

        assertThat(passed).containsExactly("a", "b", "c", "a");
    }

    @Test
    void shouldEvictTheLeastRecentlySeenKey() {
        Deduplicating<String> sink = dedup(2);

        // "a" is seen again after "b", so "c" pushes out "b", not "a".
        List.of("a", "b", "a", "c", "a", "b").forEach(sink::accept);

        assertThat(passed).containsExactly("a", "b", "c", "b");
    }

    @Test
    void shouldPassAgain_whenTheNextSinkFailed() {
        List<String> failures = new ArrayList<>(List.of("a"));
        Deduplicating<String> sink = new Deduplicating<>(
                value -> {
                    if (failures.remove(value)) {
                        throw new TransientFailureException("broker down", null);
                    }
                    passed.add(value);
                },
                Function.identity());

        assertThatThrownBy(() -> sink.accept("a")).isInstanceOf(TransientFailureException.class);
        sink.accept("a");
        sink.accept("a");

        assertThat(passed).containsExactly("a");
    }

    @Test
    void shouldKeyByTheGivenFunction() {
        List<String> out = new ArrayList<>();
        Deduplicating<String> sink = new Deduplicating<>(out::add, s -> s.substring(0, 1));

        List.of("a1", "a2", "b1").forEach(sink::accept);

        assertThat(out).containsExactly("a1", "b1");
    }

    @Test
    void shouldRefuseANonPositiveCapacity() {
        assertThatThrownBy(() -> dedup(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<List<String>> feeds() {
        return Arbitraries.strings().withChars("abcdefgh").ofLength(1).list().ofMaxSize(50);
    }

    @Property(tries = 200)
    void shouldPassWhatADuplicateFreeFeedWouldPass_whenEveryKeyFits(@ForAll("feeds") List<String> feed) {
        List<String> out = new ArrayList<>();
        Deduplicating<String> sink = new Deduplicating<>(out::add, Function.identity(), 8);

        feed.forEach(sink::accept);

        assertThat(out).containsExactlyElementsOf(new LinkedHashSet<>(feed));
    }
}
