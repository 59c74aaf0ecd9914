package dev.switchyard.reactor.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Manifest chunks are filled evenly whatever the job names look like: names that differ only in a counter
 * (raw_0001, raw_0002, …) once left most chunks of a large manifest empty and the rest three times full.
 */
class ChunkSpreadTest {

    @Property(tries = 200)
    void shouldFillEveryChunk_withSequentialNames(
            @ForAll @IntRange(min = 51, max = 6_000) int jobs, @ForAll @StringLength(max = 12) String prefix) {
        int chunks = (jobs + CategoryRuns.CHUNK - 1) / CategoryRuns.CHUNK;
        int[] sizes = new int[chunks];
        IntStream.range(0, jobs).forEach(i -> sizes[CategoryRuns.chunkOf(prefix + "%04d".formatted(i), chunks)]++);

        assertThat(IntStream.of(sizes).min().orElseThrow())
                .as("the emptiest of %d chunks", chunks)
                .isPositive();
        assertThat(IntStream.of(sizes).max().orElseThrow())
                .as("the fullest of %d chunks", chunks)
                .isLessThanOrEqualTo(2 * CategoryRuns.CHUNK);
    }
}
