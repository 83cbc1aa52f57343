package io.escalation.obs.llm;

import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;

/**
 * obs-llm's metrics and their labels, one declaration each, in catalogue order. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class LlmCatalogue extends ModuleCatalogue {

    /** Label {@code provider}: the provider called. */
    public static final Label PROVIDER = Label.of("provider", LlmProvider.class);
    /** Label {@code model}: the model requested, guarded: PII becomes {@code redacted}, names beyond the cap {@code other}. */
    public static final Label MODEL = Label.open("model", "model name as the service requests it, e.g. gpt-4o");
    /** Label {@code type}: the token type: input, output, cached input or reasoning. */
    public static final Label TOKEN_TYPE = Label.of("type", TokenType.class);
    /** Label {@code status}: the request's outcome: success or error. */
    public static final Label STATUS = Label.of("status", LlmStatus.class);
    /** Label {@code reason}: why a request was retried. */
    public static final Label REASON = Label.of("reason", LlmErrorReason.class);
    /** Label {@code from}: the provider given up in a fallback. */
    public static final Label FROM = Label.of("from", "provider given up", LlmProvider.class);
    /** Label {@code to}: the provider fallen back to. */
    public static final Label TO = Label.of("to", "provider fallen back to", LlmProvider.class);

    /** {@code llm_tokens_used_total}: tokens consumed, by provider, model and type. */
    public static final Metric TOKENS = Metric.counter("llm.tokens.used")
            .help("Tokens consumed, by provider, model and type (input, output, cached input, reasoning; disjoint)")
            .labels(PROVIDER, MODEL, TOKEN_TYPE)
            .compatibility(
                    "reference architecture: llm_tokens_used_total{provider,model}; the type label splits input, output, cached and"
                            + " reasoning tokens (sum by (provider, model) gives the reference architecture's series)")
            .build();
    /** {@code llm_request_tokens}: tokens per request, by provider and type. */
    public static final Metric REQUEST_TOKENS = Metric.summary("llm.request.tokens")
            .unit("tokens")
            .help("Tokens per request, by provider and type: OpenTelemetry's gen_ai.client.token.usage")
            .labels(PROVIDER, TOKEN_TYPE)
            .compatibility(
                    "not in the reference architecture; no model label so that the histogram stays small (per-model totals are in"
                            + " llm_tokens_used_total)")
            .buckets(1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216)
            .build();
    /** {@code llm_cost_usd_total}: cost in US dollars from the price table. */
    public static final Metric COST = Metric.counter("llm.cost.usd")
            .help("Cost in US dollars from the price table (USD per million tokens), exact to the picodollar;"
                    + " models missing from the table count zero")
            .labels(PROVIDER, MODEL)
            .compatibility(
                    "reference architecture: llm_cost_usd_total{provider}; model added (sum by (provider) gives the reference architecture's series)")
            .build();
    /** {@code llm_unpriced_requests_total}: requests whose model has no price. */
    public static final Metric UNPRICED_REQUESTS = Metric.counter("llm.unpriced.requests")
            .help("Requests whose model is missing from the price table: their cost was counted as zero")
            .labels(PROVIDER, MODEL)
            .compatibility("not in the reference architecture: says when llm_cost_usd_total under-reports")
            .build();
    /** {@code llm_budget_remaining_usd}: US dollars left in the current budget period. */
    public static final Metric BUDGET_REMAINING = Metric.gauge("llm.budget.remaining")
            .unit("usd")
            .help("US dollars left in the current budget period (negative when overspent)")
            .build();
    /** {@code llm_budget_utilization_ratio}: share of the current period's budget spent. */
    public static final Metric BUDGET_UTILIZATION = Metric.gauge("llm.budget.utilization")
            .unit("ratio")
            .help("Share of the current period's budget spent, 0..1 (above 1 when overspent)")
            .compatibility(
                    "reference architecture: llm_budget_utilization_percent (0..100); a 0..1 ratio as Prometheus base units"
                            + " recommend, so the LLMBudgetExceeded alert compares with 0.9 instead of 90")
            .build();
    /** {@code llm_requests_total}: requests, by provider, model and outcome. */
    public static final Metric REQUESTS = Metric.counter("llm.requests")
            .help("LLM requests by provider, model and outcome")
            .labels(PROVIDER, MODEL, STATUS)
            .compatibility("reference architecture: llm_requests_total{provider,status}; model added")
            .build();
    /** {@code llm_request_duration_seconds}: time from sending a request to its last token or failure. */
    public static final Metric REQUEST_DURATION = Metric.timer("llm.request.duration")
            .help("Time from sending an LLM request to its last token or its failure:"
                    + " OpenTelemetry's gen_ai.client.operation.duration")
            .labels(PROVIDER, MODEL)
            .compatibility("reference architecture: llm_request_duration_seconds{provider}; model added")
            .buckets(Buckets.millis(
                    10, 20, 40, 80, 160, 320, 640, 1_280, 2_560, 5_120, 10_240, 20_480, 40_960, 81_920, 120_000))
            .build();
    /** {@code llm_time_to_first_token_seconds}: time from sending a streaming request to its first token. */
    public static final Metric TIME_TO_FIRST_TOKEN = Metric.timer("llm.time.to.first.token")
            .help("Time from sending a streaming LLM request to its first token:"
                    + " OpenTelemetry's gen_ai.client.operation.time_to_first_chunk")
            .labels(PROVIDER, MODEL)
            .compatibility("not in the reference architecture")
            .buckets(Buckets.millis(1, 5, 10, 20, 40, 60, 80, 100, 250, 500, 750, 1_000, 2_500, 5_000, 7_500, 10_000))
            .build();
    /** {@code llm_retry_total}: requests retried, by provider and reason. */
    public static final Metric RETRIES = Metric.counter("llm.retry")
            .help("LLM requests retried, by provider and reason")
            .labels(PROVIDER, REASON)
            .build();
    /** {@code llm_fallback_total}: requests handed from one provider to another. */
    public static final Metric FALLBACKS = Metric.counter("llm.fallback")
            .help("Requests handed from one provider to another")
            .labels(FROM, TO)
            .build();
    /** {@code llm_response_length_chars}: response length in characters. */
    public static final Metric RESPONSE_LENGTH = Metric.summary("llm.response.length")
            .unit("chars")
            .help("Length of LLM responses in characters")
            .labels(PROVIDER)
            .buckets(50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000)
            .build();
    /** {@code llm_response_quality_score_percent}: quality score of responses, in whole percent. */
    public static final Metric QUALITY_SCORE = Metric.summary("llm.response.quality.score")
            .unit("percent")
            .help("Quality score the service gave LLM responses (recorded as 0..1), in whole percent")
            .labels(PROVIDER)
            .compatibility(
                    "reference architecture: llm_response_quality_score (0..1); exposed in percent because Micrometer rounds summary values"
                            + " up to whole numbers before bucketing, which would put every 0..1 score in le=\"1\";"
                            + " divide by 100 for the reference architecture's scale")
            .buckets(10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100)
            .build();
    /** {@code llm_hallucination_detected_total}: responses flagged as hallucinated. */
    public static final Metric HALLUCINATIONS = Metric.counter("llm.hallucination.detected")
            .help("LLM responses the service's checks flagged as hallucinated")
            .labels(PROVIDER)
            .compatibility(
                    "the reference architecture's has no label; provider added (sum() gives the reference architecture's series)")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public LlmCatalogue() {
        super("obs-llm");
    }
}
