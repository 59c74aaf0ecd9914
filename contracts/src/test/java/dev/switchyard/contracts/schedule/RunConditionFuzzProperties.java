package dev.switchyard.contracts.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever an operator types, the parser either understands it or says exactly where it is wrong: no
 * other exception, and the position it names holds the text it names.
 */
class RunConditionFuzzProperties {

    @Provide
    Arbitrary<String> typed() {
        Arbitrary<String> noise = Arbitraries.strings()
                .withChars("MONTUEWDHFRISATSUNDAYLKEC_#-,!()?*/ 0123456789\t")
                .ofMaxLength(40);
        Arbitrary<String> nearMisses = Terms.positiveTerms()
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(terms -> String.join(",", terms))
                .flatMap(text -> Arbitraries.integers()
                        .between(0, text.length())
                        .flatMap(at -> Arbitraries.of(",", "!", "(", ")", "#", "-", "", "9", "X", " ")
                                .map(insert -> text.substring(0, at) + insert + text.substring(at))));
        return Arbitraries.oneOf(noise, nearMisses);
    }

    @Property(tries = 5000)
    void parsesOrNamesTheOffendingTextWhereItStands(@ForAll("typed") String text) {
        try {
            RunCondition condition = RunCondition.parse(text);
            condition.matches(LocalDate.of(2026, 11, 30));
        } catch (RunConditionException e) {
            assertThat(e.condition()).isEqualTo(text);
            assertThat(e.position()).isBetween(1, Math.max(1, text.length()));
            if (!text.isBlank()) {
                assertThat(text.substring(e.position() - 1))
                        .as("position %d of '%s' holds '%s'", e.position(), text, e.offending())
                        .startsWith(e.offending());
            }
            assertThat(e.getMessage()).contains(e.reason());
        }
    }
}
