package io.escalation.obs.test;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link ScrapeAssert#passesPromtool()} with the real promtool: what it accepts and what it reports. */
class ScrapeAssertTest {

    @Test
    void aCleanScrapePassesAndALintFindingFailsWithPromtoolsWords() {
        assertThatScrape("# HELP orders_total Orders placed\n# TYPE orders_total counter\norders_total 3.0\n")
                .passesPromtool();

        assertThatThrownBy(() -> assertThatScrape("# TYPE orders_total counter\norders_total 3.0\n")
                        .passesPromtool())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exited 3")
                .hasMessageContaining("orders_total no help text");
    }
}
