package dev.switchyard.reactor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** UTF-8 lengths counted without encoding agree with the encoder's. */
class Utf8Properties {

    @Property(tries = 2_000)
    void shouldCountWhatTheEncoderWrites(@ForAll String text) {
        assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldCountEveryWidth_andALoneSurrogateAsTheOneByteItIsEncodedAs() {
        for (String text : new String[] {"", "a", "é", "€", "😀", "a😀é€", "\ud83d", "x\ude00y", "\ud83d\ud83d"}) {
            assertThat(Utf8.length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
