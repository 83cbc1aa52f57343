package io.escalation.obs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

    @Test
    void readsObjectsArraysNumbersStringsAndLiterals() {
        Object value = JmhJson.parse(" { \"a\" : [ 1, -2.5e3, \"x\\\"y\\u00b7\" ], \"b\" : { }, \"c\" : [ ],"
                + " \"t\" : true, \"f\" : false, \"n\" : null } ");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(map.get("a")).isEqualTo(List.of(1.0, -2500.0, "x\"y\u00b7"));
        assertThat(map.get("b")).isEqualTo(Map.of());
        assertThat(map.get("c")).isEqualTo(List.of());
        assertThat(map.get("t")).isEqualTo(true);
        assertThat(map.get("f")).isEqualTo(false);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
    }

    @Test
    void rejectsMalformedInputWithTheOffset() {
        assertThatThrownBy(() -> JmhJson.parse("[1, 2")).hasMessageContaining("at offset 5");
        assertThatThrownBy(() -> JmhJson.parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
        assertThatThrownBy(() -> JmhJson.parse("[1] x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> JmhJson.parse("\"open")).hasMessageContaining("unterminated");
    }

    @Test
    void readsTheScoresOfAJmhResultIncludingNanAndTheOldSecondaryMetricPrefix() {
        String json = """
                [ {
                    "benchmark" : "io.escalation.obs.benchmarks.MaskerBench.cleanLine",
                    "primaryMetric" : { "score" : 21.5, "scoreError" : "NaN", "scoreUnit" : "ns/op" },
                    "secondaryMetrics" : { "\u00b7gc.alloc.rate.norm" : { "score" : 0.004, "scoreUnit" : "B/op" } }
                }, {
                    "benchmark" : "io.escalation.obs.benchmarks.NaiveMasker.cleanLine",
                    "primaryMetric" : { "score" : 4000, "scoreError" : 12.5, "scoreUnit" : "ns/op" },
                    "secondaryMetrics" : { }
                } ]
                """;

        List<Figure> figures = Figure.fromJmhJson(json, 2);

        assertThat(figures).hasSize(2);
        Figure masker = figures.get(0);
        assertThat(masker.name()).isEqualTo("MaskerBench.cleanLine");
        assertThat(masker.score()).isEqualTo(21.5);
        assertThat(masker.error()).isNaN();
        assertThat(masker.bytesPerOp()).isEqualTo(0.004);
        assertThat(masker.run()).isEqualTo(2);
        Figure naive = figures.get(1);
        assertThat(naive.error()).isEqualTo(12.5);
        assertThat(naive.hasAllocation()).isFalse();
    }

    @Test
    void rejectsJsonThatIsNotAListOfResults() {
        assertThatThrownBy(() -> Figure.fromJmhJson("{}", 1)).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> Figure.fromJmhJson("[{\"benchmark\": \"X.y\"}]", 1))
                .hasMessageContaining("primaryMetric");
    }
}
