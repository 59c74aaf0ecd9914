package dev.switchyard.reactor.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkTest {
    @Test
    void shouldPassEachValueToBothInOrder_andNotToTheSecondWhenTheFirstFails() {
        List<String> seen = new ArrayList<>();
        Sink<String> first = value -> {
            if (value.equals("bad")) {
                throw new TransientFailureException("first refused " + value, null);
            }
            seen.add("first " + value);
        };
        Sink<String> both = first.andThen(value -> seen.add("second " + value));

        both.accept("a");
        assertThatThrownBy(() -> both.accept("bad")).isInstanceOf(TransientFailureException.class);

        assertThat(seen).containsExactly("first a", "second a");
    }
}
