package io.escalation.obs.llm;

import io.escalation.obs.core.spi.record.FaultReason;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one model at one provider, guarded and priced once: what a hot path keeps when
 * its model is known in advance. Obtain it from {@link LlmMetrics#model}. Every method never
 * throws; the recording methods allocate nothing.
 *
 * <pre>{@code
 * LlmModel gpt4o = llm.model(LlmProvider.OPENAI, "gpt-4o");
 * gpt4o.recordUsage(1_200, 350);                                   // tokens, cost, budget
 * gpt4o.recordRequest(LlmStatus.SUCCESS, System.nanoTime() - start);
 * }</pre>
 */
public final class LlmModel {

    private final LlmMetrics metrics;
    private final LlmProvider provider;
    private final @Nullable ModelSeries series;
    private final @Nullable ModelPrice price;
    private final @Nullable String requestedModel;

    LlmModel(
            LlmMetrics metrics,
            LlmProvider provider,
            @Nullable ModelSeries series,
            @Nullable ModelPrice price,
            @Nullable String requestedModel) {
        this.metrics = metrics;
        this.provider = provider;
        this.series = series;
        this.price = price;
        this.requestedModel = requestedModel;
    }

    /**
     * The provider ({@link LlmProvider#OTHER} when none was given).
     *
     * @return the provider
     */
    public LlmProvider provider() {
        return provider;
    }

    /**
     * The model label value: the name as given, or {@code other}, {@code redacted} or {@code unknown}.
     *
     * @return the value of the {@code model} label
     */
    public String modelLabel() {
        ModelSeries s = series;
        return s == null ? "unknown" : s.model;
    }

    /**
     * True when the price table has this model: its tokens are costed.
     *
     * @return true when priced
     */
    public boolean isPriced() {
        return price != null;
    }

    /**
     * Exact cost in USD counted so far under this provider and model label (every name folded into
     * the same label included).
     *
     * @return the cost in US dollars
     */
    public BigDecimal costUsd() {
        ModelSeries s = series;
        return s == null ? BigDecimal.ZERO : s.cost.total().stripTrailingZeros();
    }

    /**
     * Counts one request's input and output tokens, their cost and budget spending.
     *
     * @param input the input tokens
     * @param output the output tokens
     */
    public void recordUsage(long input, long output) {
        metrics.usage(series, price, input, output, 0, 0);
    }

    /**
     * Counts one request's tokens by {@link TokenType} (disjoint counts), the tokens-per-request
     * histogram, the cost and the budget spending. Negative counts are dropped, counts above ten
     * million clamped, both counted as faults.
     *
     * @param input the input tokens not read from the cache
     * @param output the output tokens other than reasoning
     * @param cached the input tokens read from the cache
     * @param reasoning the reasoning tokens
     */
    public void recordUsage(long input, long output, long cached, long reasoning) {
        metrics.usage(series, price, input, output, cached, reasoning);
    }

    /**
     * Counts {@code tokens} of one type and their cost, outside a request's usage (no per-request histogram).
     *
     * @param type the token type; null is counted as a fault
     * @param tokens the number of tokens
     */
    public void recordTokens(@Nullable TokenType type, long tokens) {
        metrics.tokens(series, price, type, tokens);
    }

    /**
     * Counts one finished request and records its duration.
     *
     * @param status the request's outcome; null is counted as a fault
     * @param durationNanos the request's duration in nanoseconds
     */
    public void recordRequest(@Nullable LlmStatus status, long durationNanos) {
        metrics.request(series, status, durationNanos);
    }

    /**
     * Records the time from sending a streaming request to its first token.
     *
     * @param nanos the time to first token in nanoseconds
     */
    public void recordTimeToFirstToken(long nanos) {
        metrics.timeToFirstToken(series, nanos);
    }

    /**
     * Starts a chat call on this model; see {@link LlmMetrics#start(LlmProvider, String)}.
     *
     * @return the started call; end it exactly once
     */
    public LlmCall start() {
        return start(LlmOperation.CHAT);
    }

    /**
     * Starts a call of {@code operation} on this model; a null operation is counted as a fault and taken as
     * chat. Never throws.
     *
     * @param operation the operation
     * @return the started call; end it exactly once
     */
    public LlmCall start(@Nullable LlmOperation operation) {
        if (operation == null) {
            metrics.faults.record(LlmCatalogue.REQUESTS, FaultReason.NULL_VALUE);
        }
        return LlmCall.start(
                metrics, series, price, provider(), requestedModel, operation == null ? LlmOperation.CHAT : operation);
    }
}
