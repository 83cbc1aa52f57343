package io.escalation.obs.llm;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmMetricsTest {

    private final TestObservability test = TestObservability.create();
    private final LlmMetrics llm = LlmMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void tokensAreCountedByProviderModelAndType() {
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000, 500);
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 200, 50, 800, 30);
        llm.recordUsage(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514", 10, 20);

        assertThatScrape(test)
                // the one exact exposition line of this module's tests: label order, common tags, value format
                .hasLine("llm_tokens_used_total{environment=\"test\",model=\"gpt-4o\",provider=\"openai\","
                        + "service=\"test-service\",type=\"input\"} 1200.0")
                .hasSample("llm_tokens_used_total", 550, "model", "gpt-4o", "provider", "openai", "type", "output")
                .hasSample("llm_tokens_used_total", 800, "model", "gpt-4o", "provider", "openai", "type", "cached")
                .hasSample("llm_tokens_used_total", 30, "model", "gpt-4o", "provider", "openai", "type", "reasoning")
                .hasSample(
                        "llm_tokens_used_total",
                        20,
                        "model",
                        "claude-sonnet-4-20250514",
                        "provider",
                        "anthropic",
                        "type",
                        "output")
                .hasNoInstrumentationErrors();
    }

    @Test
    void tokensPerRequestIsAHistogramByProviderAndType() {
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000, 10);
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o-mini", 3, 5_000);

        assertThatScrape(test)
                .hasSample("llm_request_tokens_bucket", 1, "provider", "openai", "type", "input", "le", "4.0")
                .hasSample("llm_request_tokens_bucket", 2, "provider", "openai", "type", "input", "le", "1024.0")
                .hasSample("llm_request_tokens_count", 2, "provider", "openai", "type", "output")
                .hasSample("llm_request_tokens_sum", 5010, "provider", "openai", "type", "output")
                .hasNoSample("llm_request_tokens_count", "type", "cached");
    }

    @Test
    void costComesFromThePriceTable() {
        // gpt-4o: 2.50 in, 10.00 out, 1.25 cached per million
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000, 500, 2_000, 100);
        // 1000 * 2.5e-6 + (500 + 100) * 10e-6 + 2000 * 1.25e-6 = 0.0025 + 0.006 + 0.0025
        assertThatScrape(test).hasSample("llm_cost_usd_total", 0.011, "model", "gpt-4o", "provider", "openai");
        assertThat(llm.model(LlmProvider.OPENAI, "gpt-4o").costUsd()).isEqualByComparingTo("0.011");
    }

    @Test
    void costIsExactToTheCentOverAMillionCalls() {
        LlmModel mini = llm.model(LlmProvider.OPENAI, "gpt-4o-mini"); // 0.15 in, 0.60 out per million
        double naive = 0;
        for (int i = 0; i < 1_000_000; i++) {
            mini.recordUsage(1_000, 200); // 0.00015 + 0.00012 = 0.00027 USD
            naive += 0.00027;
        }
        assertThat(mini.costUsd()).isEqualByComparingTo(new BigDecimal("270.00"));
        assertThat(naive).as("what summing doubles would have said").isNotEqualTo(270.0);
        assertThatScrape(test).hasSample("llm_cost_usd_total", 270, "model", "gpt-4o-mini", "provider", "openai");
    }

    @Test
    void subMicroDollarCostsAddUpExactly() {
        LlmModel flash = llm.model(LlmProvider.GEMINI, "gemini-2.0-flash"); // cached 0.025 per million
        for (int i = 0; i < 3; i++) {
            flash.recordUsage(0, 0, 1, 0); // 2.5e-8 USD each
        }
        assertThat(flash.costUsd()).isEqualTo(new BigDecimal("7.5E-8"));
    }

    @Test
    void unknownModelIsCountedAtZeroCostAndReported() {
        llm.recordUsage(LlmProvider.OPENAI, "gpt-9-preview", 1_000, 1_000);
        llm.recordUsage(LlmProvider.OPENAI, "gpt-9-preview", 1_000, 1_000);

        assertThatScrape(test)
                .hasSample("llm_cost_usd_total", 0, "model", "gpt-9-preview", "provider", "openai")
                .hasSample("llm_unpriced_requests_total", 2, "model", "gpt-9-preview", "provider", "openai")
                .hasSample(
                        "llm_tokens_used_total", 2000, "model", "gpt-9-preview", "provider", "openai", "type", "input")
                .hasNoSample("llm_unpriced_requests_total", "model", "gpt-4o");
        assertThat(llm.model(LlmProvider.OPENAI, "gpt-9-preview").isPriced()).isFalse();
    }

    @Test
    void theSameNameAtAnotherProviderIsNotPriced() {
        llm.recordUsage(LlmProvider.AZURE_OPENAI, "gpt-4o", 1_000, 0);
        assertThatScrape(test).hasSample("llm_unpriced_requests_total", 1, "provider", "azure_openai");
    }

    @Test
    void requestsAndDurationsByStatus() {
        LlmModel gpt = llm.model(LlmProvider.OPENAI, "gpt-4o");
        gpt.recordRequest(LlmStatus.SUCCESS, TimeUnit.MILLISECONDS.toNanos(1_500));
        gpt.recordRequest(LlmStatus.SUCCESS, TimeUnit.SECONDS.toNanos(100));
        gpt.recordRequest(LlmStatus.ERROR, TimeUnit.MILLISECONDS.toNanos(30));

        assertThatScrape(test)
                .hasSample("llm_requests_total", 2, "model", "gpt-4o", "provider", "openai", "status", "success")
                .hasSample("llm_requests_total", 1, "model", "gpt-4o", "provider", "openai", "status", "error")
                .hasSample(
                        "llm_request_duration_seconds_bucket", 1, "model", "gpt-4o", "provider", "openai", "le", "0.04")
                .hasSample(
                        "llm_request_duration_seconds_bucket", 1, "model", "gpt-4o", "provider", "openai", "le", "1.28")
                .hasSample(
                        "llm_request_duration_seconds_bucket", 2, "model", "gpt-4o", "provider", "openai", "le", "2.56")
                .hasSample(
                        "llm_request_duration_seconds_bucket",
                        2,
                        "model",
                        "gpt-4o",
                        "provider",
                        "openai",
                        "le",
                        "81.92")
                .hasSample(
                        "llm_request_duration_seconds_bucket",
                        3,
                        "model",
                        "gpt-4o",
                        "provider",
                        "openai",
                        "le",
                        "120.0")
                .hasSample("llm_request_duration_seconds_count", 3, "model", "gpt-4o", "provider", "openai")
                .hasSample("llm_request_duration_seconds_sum", 101.53, "model", "gpt-4o", "provider", "openai");
    }

    @Test
    void timeToFirstTokenOnlyAppearsForStreamingModels() {
        llm.model(LlmProvider.ANTHROPIC, "claude-3-5-haiku-20241022")
                .recordTimeToFirstToken(TimeUnit.MILLISECONDS.toNanos(70));
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1, 1);

        assertThatScrape(test)
                .hasSample(
                        "llm_time_to_first_token_seconds_bucket",
                        0,
                        "model",
                        "claude-3-5-haiku-20241022",
                        "provider",
                        "anthropic",
                        "le",
                        "0.06")
                .hasSample(
                        "llm_time_to_first_token_seconds_bucket",
                        1,
                        "model",
                        "claude-3-5-haiku-20241022",
                        "provider",
                        "anthropic",
                        "le",
                        "0.08")
                .hasNoSample("llm_time_to_first_token_seconds_count", "model", "gpt-4o");
    }

    @Test
    void retriesFallbacksAndQuality() {
        llm.recordRetry(LlmProvider.OPENAI, LlmErrorReason.RATE_LIMIT);
        llm.recordRetry(LlmProvider.OPENAI, LlmErrorReason.RATE_LIMIT);
        llm.recordRetry(LlmProvider.ANTHROPIC, LlmErrorReason.OVERLOADED);
        llm.recordFallback(LlmProvider.OPENAI, LlmProvider.ANTHROPIC);
        llm.recordResponseLength(LlmProvider.OPENAI, 420);
        llm.recordQuality(LlmProvider.OPENAI, 0.92);
        llm.recordQuality(LlmProvider.OPENAI, 0.4);
        llm.recordHallucination(LlmProvider.OPENAI);

        assertThatScrape(test)
                .hasSample("llm_retry_total", 2, "provider", "openai", "reason", "rate_limit")
                .hasSample("llm_retry_total", 1, "provider", "anthropic", "reason", "overloaded")
                .hasSample("llm_fallback_total", 1, "from", "openai", "to", "anthropic")
                .hasNoSample("llm_fallback_total", "from", "anthropic")
                .hasSample("llm_response_length_chars_bucket", 0, "provider", "openai", "le", "250.0")
                .hasSample("llm_response_length_chars_bucket", 1, "provider", "openai", "le", "500.0")
                .hasSample("llm_response_quality_score_percent_bucket", 0, "provider", "openai", "le", "30.0")
                .hasSample("llm_response_quality_score_percent_bucket", 1, "provider", "openai", "le", "40.0")
                .hasSample("llm_response_quality_score_percent_bucket", 1, "provider", "openai", "le", "90.0")
                .hasSample("llm_response_quality_score_percent_bucket", 2, "provider", "openai", "le", "95.0")
                .hasSample("llm_response_quality_score_percent_sum", 132, "provider", "openai")
                .hasSample("llm_hallucination_detected_total", 1, "provider", "openai")
                .hasNoInstrumentationErrors();
    }

    @Test
    void badInputIsDroppedOrClampedAndCounted() {
        LlmModel gpt = llm.model(LlmProvider.OPENAI, "gpt-4o");
        gpt.recordUsage(-5, 10); // input dropped, output kept
        gpt.recordUsage(20_000_000, 0); // clamped to ten million
        gpt.recordTokens(null, 5);
        gpt.recordTokens(TokenType.OUTPUT, -1);
        gpt.recordRequest(null, 5);
        gpt.recordRequest(LlmStatus.SUCCESS, -5); // counted, duration dropped
        llm.recordQuality(LlmProvider.OPENAI, Double.NaN);
        llm.recordQuality(LlmProvider.OPENAI, -0.1);
        llm.recordQuality(LlmProvider.OPENAI, 1.7); // clamped to 1
        llm.recordQuality(null, 0.5);
        llm.recordRetry(LlmProvider.OPENAI, null);
        llm.recordFallback(null, LlmProvider.OPENAI);
        llm.recordResponseLength(LlmProvider.OPENAI, -3);
        llm.recordUsage(null, "gpt-4o", 1, 1); // provider becomes other

        assertThatScrape(test)
                .hasSample("llm_tokens_used_total", 1.0E7, "model", "gpt-4o", "provider", "openai", "type", "input")
                .hasSample("llm_tokens_used_total", 10, "model", "gpt-4o", "provider", "openai", "type", "output")
                .hasSample("llm_requests_total", 1, "model", "gpt-4o", "provider", "openai", "status", "success")
                .hasSample("llm_request_duration_seconds_count", 0, "model", "gpt-4o", "provider", "openai")
                .hasSample("llm_response_quality_score_percent_count", 1, "provider", "openai")
                .hasSample("llm_response_quality_score_percent_sum", 100, "provider", "openai")
                .hasSample("llm_tokens_used_total", 1, "provider", "other", "type", "input")
                .hasInstrumentationErrors("llm_tokens_used_total", "negative_value", 2)
                .hasInstrumentationErrors("llm_tokens_used_total", "value_too_large", 1)
                .hasInstrumentationErrors("llm_tokens_used_total", "null_value", 2)
                .hasInstrumentationErrors("llm_requests_total", "null_value", 1)
                .hasInstrumentationErrors("llm_request_duration_seconds", "negative_value", 1)
                .hasInstrumentationErrors("llm_response_quality_score_percent", "not_a_number", 1)
                .hasInstrumentationErrors("llm_response_quality_score_percent", "negative_value", 1)
                .hasInstrumentationErrors("llm_response_quality_score_percent", "value_too_large", 1)
                .hasInstrumentationErrors("llm_response_quality_score_percent", "null_value", 1)
                .hasInstrumentationErrors("llm_retry_total", "null_value", 1)
                .hasInstrumentationErrors("llm_fallback_total", "null_value", 1)
                .hasInstrumentationErrors("llm_response_length_chars", "negative_value", 1);
    }

    @Test
    void hostileModelNamesAreGuarded() {
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o for jane.doe@example.com", 1, 1);
        llm.recordUsage(LlmProvider.OPENAI, "call +1 415 555 2671", 1, 1);
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o\r\nX-Injected: 1", 1, 1);
        llm.recordUsage(LlmProvider.OPENAI, "m".repeat(10_000_000), 1, 1);
        llm.recordUsage(LlmProvider.OPENAI, null, 1, 1);

        assertThatScrape(test)
                .hasSample("llm_tokens_used_total", 2, "model", "redacted", "type", "input")
                .hasSample("llm_tokens_used_total", 1, "model", "gpt-4o__X-Injected: 1", "type", "input")
                .hasSample("llm_tokens_used_total", 1, "model", "m".repeat(128), "type", "input")
                .hasSample("llm_tokens_used_total", 1, "model", "unknown", "type", "input")
                .hasNoPiiInLabels()
                .hasInstrumentationErrors("llm_requests_total", "label_pii", 2)
                .hasInstrumentationErrors("llm_requests_total", "label_control_chars", 1)
                .hasInstrumentationErrors("llm_requests_total", "label_too_long", 1)
                .hasInstrumentationErrors("llm_requests_total", "null_value", 1);
        assertThat(test.scrape()).doesNotContain("jane.doe").doesNotContain("555 2671");
    }

    @Test
    void tenThousandDistinctModelsFoldIntoOtherBeyondTheCap() {
        try (TestObservability capped = TestObservability.create(
                b -> b.labelPolicy(LabelPolicy.builder().maxValuesPerLabel(50).build()))) {
            LlmMetrics metrics = LlmMetrics.create(capped.obs());
            for (int i = 0; i < 10_000; i++) {
                metrics.recordUsage(LlmProvider.OPENAI, "fine-tune-" + i, 1, 0);
            }
            metrics.recordUsage(LlmProvider.OPENAI, "fine-tune-7", 1, 0); // admitted before the cap

            long inputSeries = capped.scrape()
                    .lines()
                    .filter(l -> l.startsWith("llm_tokens_used_total{") && l.contains("type=\"input\""))
                    .count();
            assertThat(inputSeries).isEqualTo(51); // 50 admitted + other
            assertThatScrape(capped)
                    .hasSample("llm_tokens_used_total", 9_950, "model", "other", "type", "input")
                    .hasSample("llm_tokens_used_total", 2, "model", "fine-tune-7", "type", "input")
                    .hasSample("llm_unpriced_requests_total", 9_950, "model", "other")
                    .hasSample("obs_label_overflow_total", 9_950, "metric", "llm_requests_total", "label", "model");
        }
    }

    @Test
    void aModelFoldedIntoOtherIsStillPricedByItsOwnName() {
        try (TestObservability capped = TestObservability.create(
                b -> b.labelPolicy(LabelPolicy.builder().maxValuesPerLabel(1).build()))) {
            LlmMetrics metrics = LlmMetrics.create(capped.obs());
            metrics.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 0); // 2.50
            metrics.recordUsage(LlmProvider.OPENAI, "gpt-4o-mini", 1_000_000, 0); // 0.15, as other
            metrics.recordUsage(LlmProvider.OPENAI, "gpt-4.1", 1_000_000, 0); // 2.00, as other

            assertThatScrape(capped)
                    .hasSample("llm_cost_usd_total", 2.5, "model", "gpt-4o")
                    .hasSample("llm_cost_usd_total", 2.15, "model", "other");
        }
    }

    @Test
    void costOutlivesTheFacadeThatRecordedIt() {
        LlmMetrics.create(test.obs()).recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 0); // then unreachable
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThatScrape(test).hasSample("llm_cost_usd_total", 2.5, "model", "gpt-4o");
    }

    @Test
    void misconfigurationFailsAtBuildTime() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> LlmMetrics.builder(test.obs()).maxContentChars(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxContentChars must be between 64 and 1048576");
    }
}
