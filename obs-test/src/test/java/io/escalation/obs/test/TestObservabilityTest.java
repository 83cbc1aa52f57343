package io.escalation.obs.test;

import static io.escalation.obs.test.ObsAssertions.assertThat;
import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.label.LabelPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.Test;

class TestObservabilityTest {

    @Test
    void capturesMetricsAndSpansOfAFacade() {
        try (TestObservability test = TestObservability.create()) {
            AppErrors errors = AppErrors.create(test.obs());
            test.obs().spans().call("task.run", () -> {
                errors.record("Timeout", ErrorSeverity.ERROR);
                return null;
            });

            assertThatScrape(test)
                    .hasSample("app_errors_total", 1, "type", "Timeout", "severity", "error")
                    .hasSample("app_errors_total", 0, "type", "Timeout", "severity", "critical")
                    .hasLine("app_errors_total{environment=\"test\",service=\"test-service\",severity=\"error\","
                            + "type=\"Timeout\"} 1.0")
                    .hasNoSample("app_errors_total", "type", "Other")
                    .hasNoInstrumentationErrors()
                    .hasNoPiiInLabels();
            assertThat(test.registry())
                    .counter("app.errors", Tag.of("type", "Timeout"), Tag.of("severity", "error"))
                    .hasCount(1);
            assertThat(test.spans().get(0)).hasName("task.run");
        }
    }

    @Test
    void scrapeAssertionsFailWithUsefulMessages() {
        try (TestObservability test = TestObservability.create()) {
            Counter.builder("demo.calls")
                    .tag("outcome", "ok")
                    .register(test.registry())
                    .increment(2);

            assertThatThrownBy(() -> assertThatScrape(test).hasSample("demo_calls_total", 3, "outcome", "ok"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to be 3.0 but was 2.0");
            assertThatThrownBy(() -> assertThatScrape(test).hasSample("demo_calls_total", 2, "outcome", "error"))
                    .hasMessageContaining("the scrape has none");
            assertThatThrownBy(() -> assertThatScrape(test).hasNoSample("demo_calls_total", "outcome", "ok"))
                    .hasMessageContaining("Expected no sample");
        }
    }

    @Test
    void detectsPiiInLabelsAndInstrumentationErrors() {
        try (TestObservability test = TestObservability.create()) {
            Counter.builder("leaky")
                    .tag("customer", "jane.doe@example.com")
                    .register(test.registry())
                    .increment();
            AppErrors.create(test.obs()).record((String) null, ErrorSeverity.ERROR);

            assertThatThrownBy(() -> assertThatScrape(test).hasNoPiiInLabels())
                    .hasMessageContaining("customer=[EMAIL]")
                    .hasMessageNotContaining("jane.doe");
            assertThatThrownBy(() -> assertThatScrape(test).hasNoInstrumentationErrors())
                    .hasMessageContaining("null_value");
            assertThatScrape(test).hasInstrumentationErrors("app_errors_total", "null_value", 1);
        }
    }

    @Test
    void customizerAppliesBuilderSettings() {
        try (TestObservability test = TestObservability.create(
                b -> b.labelPolicy(LabelPolicy.builder().maxValuesPerLabel(1).build()))) {
            AppErrors errors = AppErrors.create(test.obs());
            errors.record("A", ErrorSeverity.ERROR);
            errors.record("B", ErrorSeverity.ERROR);
            assertThatScrape(test)
                    .hasSample("app_errors_total", 1, "type", "other", "severity", "error")
                    .hasSample("obs_label_overflow_total", 1, "metric", "app_errors_total", "label", "type");
        }
    }

    @Test
    void ambiguousSampleMatchesFail() {
        try (TestObservability test = TestObservability.create()) {
            AppErrors.create(test.obs()).record("Timeout", ErrorSeverity.ERROR);
            assertThatThrownBy(() -> assertThatScrape(test).hasSample("app_errors_total", 1, "type", "Timeout"))
                    .hasMessageContaining("but 3 match")
                    .hasMessageContaining("name more labels");
        }
    }

    @Test
    void theTestRegistryAndSpansWinOverTheCustomizer() {
        try (TestObservability test = TestObservability.create(b -> b.serviceName("billing")
                .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))) {
            AppErrors.create(test.obs()).record("Timeout", ErrorSeverity.ERROR);
            assertThatScrape(test).hasSample("app_errors_total", 1, "service", "billing", "severity", "error");
        }
    }

    @Test
    void parserHandlesEscapesAndSpecialValues() {
        Sample sample = ScrapeParser.parseLine("x_total{a=\"q\\\"uote\",b=\"back\\\\slash\",c=\"new\\nline\"} +Inf");
        org.assertj.core.api.Assertions.assertThat(sample.labels())
                .containsEntry("a", "q\"uote")
                .containsEntry("b", "back\\slash")
                .containsEntry("c", "new\nline");
        org.assertj.core.api.Assertions.assertThat(sample.value()).isInfinite();
        org.assertj.core.api.Assertions.assertThat(
                        ScrapeParser.parseLine("up 1 1700000000000").value())
                .isEqualTo(1.0);
    }
}
