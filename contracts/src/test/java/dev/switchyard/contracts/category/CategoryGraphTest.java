package dev.switchyard.contracts.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.attr.Attr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoryGraphTest {

    private static CategoryDefinition def(String name, String... dependsOn) {
        return CategoryDefinition.of(name, List.of(dependsOn), 10);
    }

    @Test
    void shouldAnswerWhoDependsOnACategory_includingFanIn() {
        CategoryGraph graph =
                CategoryGraph.of(List.of(def("RAW"), def("REF"), def("STG", "RAW", "REF"), def("MART", "STG")));
        assertThat(graph.downstreamOf("RAW")).containsExactly("STG");
        assertThat(graph.downstreamOf("REF")).containsExactly("STG");
        assertThat(graph.downstreamOf("MART")).isEmpty();
        assertThat(graph.getOrDefault("OTHER").maxConcurrency()).isEqualTo(10);
    }

    @Test
    void shouldNameTheCycle_whenDependenciesLoop() {
        assertThatThrownBy(() -> CategoryGraph.of(List.of(def("RAW", "MART"), def("STG", "RAW"), def("MART", "STG"))))
                .isInstanceOf(CategoryGraphException.class)
                .hasMessageContaining("dependency cycle: RAW → STG → MART → RAW");
    }

    @Test
    void shouldFindACycleAwayFromTheFirstCategory() {
        List<CategoryGraph.GraphProblem> problems =
                CategoryGraph.check(List.of(def("A"), def("B", "A", "D"), def("C", "B"), def("D", "C")));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(CategoryGraph.GraphProblem.Kind.CYCLE);
            assertThat(p.reason()).isEqualTo("dependency cycle: B → C → D → B");
        });
    }

    @Test
    void shouldReportUnknownDependenciesAndDuplicates() {
        assertThat(CategoryGraph.check(List.of(def("STG", "RAW"), def("STG"))))
                .extracting(CategoryGraph.GraphProblem::reason)
                .containsExactly("category STG is defined twice", "category STG depends on RAW, which is not defined");
    }

    @Test
    void shouldHandleLongChainsWithoutOverflowingTheStack() {
        List<CategoryDefinition> chain = new java.util.ArrayList<>();
        chain.add(def("C0"));
        for (int i = 1; i < 20_000; i++) {
            chain.add(def("C" + i, "C" + (i - 1)));
        }
        assertThat(CategoryGraph.check(chain)).isEmpty();
    }

    @Test
    void shouldReadDependsOnAsACommaSeparatedCellOrAList() {
        Map<String, Attr> csv = new LinkedHashMap<>();
        csv.put("Category", new Attr.S("STG"));
        csv.put("DependsOn", new Attr.S("RAW, REF"));
        csv.put("MaxConcurrency", new Attr.S("25"));
        assertThat(CategoryDefinition.fromAttributes(csv))
                .isEqualTo(new Decoded.Ok<>(CategoryDefinition.of("STG", List.of("RAW", "REF"), 25)));
        Map<String, Attr> json =
                Map.of("Category", new Attr.S("STG"), "DependsOn", new Attr.L(List.of(new Attr.S("RAW"))));
        assertThat(CategoryDefinition.fromAttributes(json).orThrow().maxConcurrency())
                .isEqualTo(10);
    }

    @Test
    void shouldReportEveryBadColumnOfADefinition() {
        Map<String, Attr> bad = Map.of(
                "Category", new Attr.S("STG"),
                "DependsOn", new Attr.S("RAW,,STG"),
                "MaxConcurrency", new Attr.S("0"));
        Decoded<CategoryDefinition> decoded = CategoryDefinition.fromAttributes(bad);
        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
        assertThat(((Decoded.Invalid<CategoryDefinition>) decoded).problems())
                .extracting(dev.switchyard.contracts.FieldProblem::reason)
                .containsExactly(
                        "DependsOn has an empty name (a stray comma?)",
                        "a category cannot depend on itself: STG",
                        "MaxConcurrency must be a whole number from 1 to 10000");
    }
}
