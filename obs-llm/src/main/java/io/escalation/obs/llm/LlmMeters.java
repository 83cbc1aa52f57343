package io.escalation.obs.llm;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-llm's meters: the seed's AI/LLM metrics, and the self-metric for models missing from the price table. */
public enum LlmMeters implements ObsMeter {
    /** Counter {@code llm.tokens.used}: tokens consumed, by provider, model and type. */
    TOKENS("llm.tokens.used", Meter.Type.COUNTER, null,
            "Tokens consumed, by provider, model and type (input, output, cached input, reasoning; disjoint)",
            "seed: llm_tokens_used_total{provider,model}; the type label splits input, output, cached and"
                    + " reasoning tokens (sum by (provider, model) gives the seed's series)",
            LlmLabels.PROVIDER, LlmLabels.MODEL, LlmLabels.TOKEN_TYPE),
    /** Summary {@code llm.request.tokens}: tokens per request, by provider and type. */
    REQUEST_TOKENS("llm.request.tokens", Meter.Type.DISTRIBUTION_SUMMARY, "tokens",
            "Tokens per request, by provider and type: OpenTelemetry's gen_ai.client.token.usage",
            "not in the seed; no model label so that the histogram stays small (per-model totals are in"
                    + " llm_tokens_used_total)",
            LlmLabels.PROVIDER, LlmLabels.TOKEN_TYPE),
    /** Counter {@code llm.cost.usd}: cost in US dollars from the price table. */
    COST("llm.cost.usd", Meter.Type.COUNTER, null,
            "Cost in US dollars from the price table (USD per million tokens), exact to the picodollar;"
                    + " models missing from the table count zero",
            "seed: llm_cost_usd_total{provider}; model added (sum by (provider) gives the seed's series)",
            LlmLabels.PROVIDER, LlmLabels.MODEL),
    /** Counter {@code llm.unpriced.requests}: requests whose model has no price. */
    UNPRICED_REQUESTS("llm.unpriced.requests", Meter.Type.COUNTER, null,
            "Requests whose model is missing from the price table: their cost was counted as zero",
            "not in the seed: says when llm_cost_usd_total under-reports",
            LlmLabels.PROVIDER, LlmLabels.MODEL),
    /** Gauge {@code llm.budget.remaining}: US dollars left in the current budget period. */
    BUDGET_REMAINING("llm.budget.remaining", Meter.Type.GAUGE, "usd",
            "US dollars left in the current budget period (negative when overspent)", ""),
    /** Gauge {@code llm.budget.utilization}: share of the current period's budget spent. */
    BUDGET_UTILIZATION("llm.budget.utilization", Meter.Type.GAUGE, "ratio",
            "Share of the current period's budget spent, 0..1 (above 1 when overspent)",
            "seed: llm_budget_utilization_percent (0..100); a 0..1 ratio as Prometheus base units"
                    + " recommend, so the LLMBudgetExceeded alert compares with 0.9 instead of 90"),
    /** Counter {@code llm.requests}: requests, by provider, model and outcome. */
    REQUESTS("llm.requests", Meter.Type.COUNTER, null,
            "LLM requests by provider, model and outcome", "seed: llm_requests_total{provider,status}; model added",
            LlmLabels.PROVIDER, LlmLabels.MODEL, LlmLabels.STATUS),
    /** Timer {@code llm.request.duration}: time from sending a request to its last token or failure. */
    REQUEST_DURATION("llm.request.duration", Meter.Type.TIMER, null,
            "Time from sending an LLM request to its last token or its failure:"
                    + " OpenTelemetry's gen_ai.client.operation.duration",
            "seed: llm_request_duration_seconds{provider}; model added",
            LlmLabels.PROVIDER, LlmLabels.MODEL),
    /** Timer {@code llm.time.to.first.token}: time from sending a streaming request to its first token. */
    TIME_TO_FIRST_TOKEN("llm.time.to.first.token", Meter.Type.TIMER, null,
            "Time from sending a streaming LLM request to its first token:"
                    + " OpenTelemetry's gen_ai.client.operation.time_to_first_chunk",
            "not in the seed", LlmLabels.PROVIDER, LlmLabels.MODEL),
    /** Counter {@code llm.retry}: requests retried, by provider and reason. */
    RETRIES("llm.retry", Meter.Type.COUNTER, null,
            "LLM requests retried, by provider and reason", "", LlmLabels.PROVIDER, LlmLabels.REASON),
    /** Counter {@code llm.fallback}: requests handed from one provider to another. */
    FALLBACKS("llm.fallback", Meter.Type.COUNTER, null,
            "Requests handed from one provider to another", "", LlmLabels.FROM, LlmLabels.TO),
    /** Summary {@code llm.response.length}: response length in characters. */
    RESPONSE_LENGTH("llm.response.length", Meter.Type.DISTRIBUTION_SUMMARY, "chars",
            "Length of LLM responses in characters", "", LlmLabels.PROVIDER),
    /** Summary {@code llm.response.quality.score}: quality score of responses, in whole percent. */
    QUALITY_SCORE("llm.response.quality.score", Meter.Type.DISTRIBUTION_SUMMARY, "percent",
            "Quality score the service gave LLM responses (recorded as 0..1), in whole percent",
            "seed: llm_response_quality_score (0..1); exposed in percent because Micrometer rounds summary values"
                    + " up to whole numbers before bucketing, which would put every 0..1 score in le=\"1\";"
                    + " divide by 100 for the seed's scale",
            LlmLabels.PROVIDER),
    /** Counter {@code llm.hallucination.detected}: responses flagged as hallucinated. */
    HALLUCINATIONS("llm.hallucination.detected", Meter.Type.COUNTER, null,
            "LLM responses the service's checks flagged as hallucinated",
            "seed has no label; provider added (sum() gives the seed's series)", LlmLabels.PROVIDER);

    private final MeterSpec spec;

    LlmMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
