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

    private static final String TAGS = "environment=\"test\",";
    private static final String SERVICE = "service=\"test-service\"";

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
                .hasLine("llm_tokens_used_total{" + TAGS + "model=\"gpt-4o\",provider=\"openai\"," + SERVICE
                        + ",type=\"input\"} 1200.0")
                .hasLine("llm_tokens_used_total{" + TAGS + "model=\"gpt-4o\",provider=\"openai\"," + SERVICE
                        + ",type=\"output\"} 550.0")
                .hasLine("llm_tokens_used_total{" + TAGS + "model=\"gpt-4o\",provider=\"openai\"," + SERVICE
                        + ",type=\"cached\"} 800.0")
                .hasLine("llm_tokens_used_total{" + TAGS + "model=\"gpt-4o\",provider=\"openai\"," + SERVICE
                        + ",type=\"reasoning\"} 30.0")
                .hasLine("llm_tokens_used_total{" + TAGS + "model=\"claude-sonnet-4-20250514\",provider=\"anthropic\","
                        + SERVICE + ",type=\"output\"} 20.0")
                .hasNoInstrumentationErrors();
    }

    @Test
    void tokensPerRequestIsAHistogramByProviderAndType() {
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000, 10);
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o-mini", 3, 5_000);

        assertThatScrape(test)
                .hasLine("llm_request_tokens_bucket{" + TAGS + "provider=\"openai\"," + SERVICE
                        + ",type=\"input\",le=\"4.0\"} 1")
                .hasLine("llm_request_tokens_bucket{" + TAGS + "provider=\"openai\"," + SERVICE
                        + ",type=\"input\",le=\"1024.0\"} 2")
                .hasLine("llm_request_tokens_count{" + TAGS + "provider=\"openai\"," + SERVICE + ",type=\"output\"} 2")
                .hasLine("llm_request_tokens_sum{" + TAGS + "provider=\"openai\"," + SERVICE + ",type=\"output\"} 5010.0")
                .hasNoSample("llm_request_tokens_count", "type", "cached");
    }

    @Test
    void costComesFromThePriceTable() {
        // gpt-4o: 2.50 in, 10.00 out, 1.25 cached per million
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000, 500, 2_000, 100);
        // 1000 * 2.5e-6 + (500 + 100) * 10e-6 + 2000 * 1.25e-6 = 0.0025 + 0.006 + 0.0025
        assertThatScrape(test).hasLine("llm_cost_usd_total{" + TAGS + "model=\"gpt-4o\",provider=\"openai\","
                + SERVICE + "} 0.011");
        assertThat(llm.model(LlmProvider.OPENAI, "gpt-4o").costUsd()).isEqualByComparingTo("0.011");
    }

    @Test
    void costIsExactToTheCentOverAMillionCalls() {
        LlmModel mini = llm.model(LlmProvider.OPENAI, "gpt-4o-mini");   // 0.15 in, 0.60 out per million
        double naive = 0;
        for (int i = 0; i < 1_000_000; i++) {
            mini.recordUsage(1_000, 200);   // 0.00015 + 0.00012 = 0.00027 USD
            naive += 0.00027;
        }
        assertThat(mini.costUsd()).isEqualByComparingTo(new BigDecimal("270.00"));
        assertThat(naive).as("what summing doubles would have said").isNotEqualTo(270.0);
        assertThatScrape(test).hasLine("llm_cost_usd_total{" + TAGS + "model=\"gpt-4o-mini\",provider=\"openai\","
                + SERVICE + "} 270.0");
    }

    @Test
    void subMicroDollarCostsAddUpExactly() {
        LlmModel flash = llm.model(LlmProvider.GEMINI, "gemini-2.0-flash");   // cached 0.025 per million
        for (int i = 0; i < 3; i++) {
            flash.recordUsage(0, 0, 1, 0);   // 2.5e-8 USD each
        }
        assertThat(flash.costUsd()).isEqualTo(new BigDecimal("7.5E-8"));
    }

    @Test
    void unknownModelIsCountedAtZeroCostAndReported() {
        llm.recordUsage(LlmProvider.OPENAI, "gpt-9-preview", 1_000, 1_000);
        llm.recordUsage(LlmProvider.OPENAI, "gpt-9-preview", 1_000, 1_000);

        assertThatScrape(test)
                .hasLine("llm_cost_usd_total{" + TAGS + "model=\"gpt-9-preview\",provider=\"openai\"," + SERVICE + "} 0.0")
                .hasLine("llm_unpriced_requests_total{" + TAGS + "model=\"gpt-9-preview\",provider=\"openai\","
                        + SERVICE + "} 2.0")
                .hasLine("llm_tokens_used_total{" + TAGS + "model=\"gpt-9-preview\",provider=\"openai\"," + SERVICE
                        + ",type=\"input\"} 2000.0")
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

        String labels = TAGS + "model=\"gpt-4o\",provider=\"openai\"," + SERVICE;
        assertThatScrape(test)
                .hasLine("llm_requests_total{" + labels + ",status=\"success\"} 2.0")
                .hasLine("llm_requests_total{" + labels + ",status=\"error\"} 1.0")
                .hasLine("llm_request_duration_seconds_bucket{" + labels + ",le=\"0.04\"} 1")
                .hasLine("llm_request_duration_seconds_bucket{" + labels + ",le=\"1.28\"} 1")
                .hasLine("llm_request_duration_seconds_bucket{" + labels + ",le=\"2.56\"} 2")
                .hasLine("llm_request_duration_seconds_bucket{" + labels + ",le=\"81.92\"} 2")
                .hasLine("llm_request_duration_seconds_bucket{" + labels + ",le=\"120.0\"} 3")
                .hasLine("llm_request_duration_seconds_count{" + labels + "} 3")
                .hasLine("llm_request_duration_seconds_sum{" + labels + "} 101.53");
    }

    @Test
    void timeToFirstTokenOnlyAppearsForStreamingModels() {
        llm.model(LlmProvider.ANTHROPIC, "claude-3-5-haiku-20241022").recordTimeToFirstToken(
                TimeUnit.MILLISECONDS.toNanos(70));
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1, 1);

        String labels = TAGS + "model=\"claude-3-5-haiku-20241022\",provider=\"anthropic\"," + SERVICE;
        assertThatScrape(test)
                .hasLine("llm_time_to_first_token_seconds_bucket{" + labels + ",le=\"0.06\"} 0")
                .hasLine("llm_time_to_first_token_seconds_bucket{" + labels + ",le=\"0.08\"} 1")
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

        String openai = TAGS + "provider=\"openai\"," + SERVICE;
        assertThatScrape(test)
                .hasLine("llm_retry_total{" + TAGS + "provider=\"openai\",reason=\"rate_limit\"," + SERVICE + "} 2.0")
                .hasLine("llm_retry_total{" + TAGS + "provider=\"anthropic\",reason=\"overloaded\"," + SERVICE + "} 1.0")
                .hasLine("llm_fallback_total{" + TAGS + "from=\"openai\"," + SERVICE + ",to=\"anthropic\"} 1.0")
                .hasNoSample("llm_fallback_total", "from", "anthropic")
                .hasLine("llm_response_length_chars_bucket{" + openai + ",le=\"250.0\"} 0")
                .hasLine("llm_response_length_chars_bucket{" + openai + ",le=\"500.0\"} 1")
                .hasLine("llm_response_quality_score_percent_bucket{" + openai + ",le=\"30.0\"} 0")
                .hasLine("llm_response_quality_score_percent_bucket{" + openai + ",le=\"40.0\"} 1")
                .hasLine("llm_response_quality_score_percent_bucket{" + openai + ",le=\"90.0\"} 1")
                .hasLine("llm_response_quality_score_percent_bucket{" + openai + ",le=\"95.0\"} 2")
                .hasLine("llm_response_quality_score_percent_sum{" + openai + "} 132.0")
                .hasLine("llm_hallucination_detected_total{" + openai + "} 1.0")
                .hasNoInstrumentationErrors();
    }

    @Test
    void badInputIsDroppedOrClampedAndCounted() {
        LlmModel gpt = llm.model(LlmProvider.OPENAI, "gpt-4o");
        gpt.recordUsage(-5, 10);                          // input dropped, output kept
        gpt.recordUsage(20_000_000, 0);                   // clamped to ten million
        gpt.recordTokens(null, 5);
        gpt.recordTokens(TokenType.OUTPUT, -1);
        gpt.recordRequest(null, 5);
        gpt.recordRequest(LlmStatus.SUCCESS, -5);         // counted, duration dropped
        llm.recordQuality(LlmProvider.OPENAI, Double.NaN);
        llm.recordQuality(LlmProvider.OPENAI, -0.1);
        llm.recordQuality(LlmProvider.OPENAI, 1.7);       // clamped to 1
        llm.recordQuality(null, 0.5);
        llm.recordRetry(LlmProvider.OPENAI, null);
        llm.recordFallback(null, LlmProvider.OPENAI);
        llm.recordResponseLength(LlmProvider.OPENAI, -3);
        llm.recordUsage(null, "gpt-4o", 1, 1);            // provider becomes other

        String gptLabels = TAGS + "model=\"gpt-4o\",provider=\"openai\"," + SERVICE;
        assertThatScrape(test)
                .hasLine("llm_tokens_used_total{" + gptLabels + ",type=\"input\"} 1.0E7")
                .hasLine("llm_tokens_used_total{" + gptLabels + ",type=\"output\"} 10.0")
                .hasLine("llm_requests_total{" + gptLabels + ",status=\"success\"} 1.0")
                .hasLine("llm_request_duration_seconds_count{" + gptLabels + "} 0")
                .hasLine("llm_response_quality_score_percent_count{" + TAGS + "provider=\"openai\"," + SERVICE + "} 1")
                .hasLine("llm_response_quality_score_percent_sum{" + TAGS + "provider=\"openai\"," + SERVICE + "} 100.0")
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
            metrics.recordUsage(LlmProvider.OPENAI, "fine-tune-7", 1, 0);   // admitted before the cap

            long inputSeries = capped.scrape().lines()
                    .filter(l -> l.startsWith("llm_tokens_used_total{") && l.contains("type=\"input\"")).count();
            assertThat(inputSeries).isEqualTo(51);   // 50 admitted + other
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
            metrics.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 0);        // 2.50
            metrics.recordUsage(LlmProvider.OPENAI, "gpt-4o-mini", 1_000_000, 0);   // 0.15, as other
            metrics.recordUsage(LlmProvider.OPENAI, "gpt-4.1", 1_000_000, 0);       // 2.00, as other

            assertThatScrape(capped)
                    .hasSample("llm_cost_usd_total", 2.5, "model", "gpt-4o")
                    .hasSample("llm_cost_usd_total", 2.15, "model", "other");
        }
    }

    @Test
    void costOutlivesTheFacadeThatRecordedIt() {
        LlmMetrics.create(test.obs()).recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 0);   // then unreachable
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThatScrape(test).hasSample("llm_cost_usd_total", 2.5, "model", "gpt-4o");
    }

    @Test
    void misconfigurationFailsAtBuildTime() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LlmMetrics.builder(test.obs()).maxContentChars(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxContentChars must be between 64 and 1048576");
    }
}
