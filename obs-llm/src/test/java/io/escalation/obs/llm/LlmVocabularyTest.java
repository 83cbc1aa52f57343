package io.escalation.obs.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The catalogue names exactly what the code emits, under the seed's names. */
class LlmVocabularyTest {

    @Test
    void vocabulariesListEveryEnumValue() {
        assertThat(LlmCatalogue.PROVIDER.vocabulary().split(", "))
                .containsExactly(Arrays.stream(LlmProvider.values())
                        .map(LlmProvider::label)
                        .toArray(String[]::new));
        assertThat(LlmCatalogue.TOKEN_TYPE.vocabulary()).isEqualTo("input, output, cached, reasoning");
        assertThat(LlmCatalogue.STATUS.vocabulary()).isEqualTo("success, error");
        assertThat(LlmCatalogue.REASON.vocabulary().split(", "))
                .hasSize(LlmErrorReason.values().length)
                .contains("rate_limit", "timeout", "server_error");
        assertThat(LlmCatalogue.MODEL.isOpen()).isTrue();
    }

    @Test
    void prometheusNamesAreTheSeeds() {
        assertThat(new LlmCatalogue().meters().stream().map(ObsMeter::prometheusName))
                .containsExactly(
                        "llm_tokens_used_total",
                        "llm_request_tokens",
                        "llm_cost_usd_total",
                        "llm_unpriced_requests_total",
                        "llm_budget_remaining_usd",
                        "llm_budget_utilization_ratio",
                        "llm_requests_total",
                        "llm_request_duration_seconds",
                        "llm_time_to_first_token_seconds",
                        "llm_retry_total",
                        "llm_fallback_total",
                        "llm_response_length_chars",
                        "llm_response_quality_score_percent",
                        "llm_hallucination_detected_total");
    }

    @Test
    void theCatalogueIsFoundThroughTheServiceLoader() {
        assertThat(MeterCatalogue.discover()).extracting(MeterCatalogue::module).contains("obs-llm");
    }
}
