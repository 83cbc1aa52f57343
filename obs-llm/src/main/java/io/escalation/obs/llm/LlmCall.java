package io.escalation.obs.llm;

import io.escalation.obs.core.spi.record.FaultReason;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One LLM request from start to outcome: a CLIENT span with OpenTelemetry GenAI attributes, the
 * request duration, time to first token, tokens, cost, budget, retries, fallback and response
 * quality. Obtain it from {@link LlmMetrics#start}; end it with exactly one of {@link #success},
 * {@link #failure} or {@link #fallback}; {@link #close()} ends a call without an outcome as a
 * {@link LlmErrorReason#CANCELLED cancelled} failure and does nothing after an outcome.
 *
 * <pre>{@code
 * try (LlmCall call = llm.start(LlmProvider.OPENAI, "gpt-4o")) {
 *     stream.onFirstToken(call::firstToken);
 *     Completion c = client.complete(prompt);               // retries: call.retry(LlmErrorReason.RATE_LIMIT)
 *     call.responseModel(c.model()).response(c.text()).success(c.inputTokens(), c.outputTokens());
 * } catch (ProviderDown e) {
 *     // call.fallback(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514", LlmErrorReason.SERVER_ERROR) ...
 * }
 * }</pre>
 *
 * <p>Span: name {@code "{operation} {model}"}, kind CLIENT, attributes {@code gen_ai.operation.name},
 * {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code gen_ai.response.model},
 * {@code gen_ai.usage.input_tokens} (input + cached), {@code gen_ai.usage.output_tokens} (output +
 * reasoning) and, on failure, {@code error.type} and an ERROR status. Prompt and completion text is
 * never recorded unless {@link LlmMetrics.Builder#captureContent(boolean)} is on; then it is
 * truncated and masked. Methods never throw; a call is meant for one request on one thread at a time.
 */
public final class LlmCall implements AutoCloseable {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** Model names on spans are cut to this many characters before masking. */
    private static final int MAX_MODEL_CHARS = 256;

    private final LlmMetrics metrics;
    private final @Nullable ModelSeries series;
    private final @Nullable ModelPrice price;
    private final LlmProvider provider;
    private final LlmOperation operation;
    private final Span span;
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean firstTokenSeen = new AtomicBoolean();

    private LlmCall(
            LlmMetrics metrics,
            @Nullable ModelSeries series,
            @Nullable ModelPrice price,
            LlmProvider provider,
            LlmOperation operation,
            Span span) {
        this.metrics = metrics;
        this.series = series;
        this.price = price;
        this.provider = provider;
        this.operation = operation;
        this.span = span;
        this.startNanos = System.nanoTime();
    }

    static LlmCall start(
            LlmMetrics metrics,
            @Nullable ModelSeries series,
            @Nullable ModelPrice price,
            LlmProvider provider,
            @Nullable String requestedModel,
            LlmOperation operation) {
        String label = series == null ? "unknown" : series.model; // guarded: safe in a span name
        Span span = metrics.faults.guard(
                LlmCatalogue.REQUESTS,
                () -> metrics.obs
                        .spans()
                        .span(operation.value() + " " + label)
                        .kind(SpanKind.CLIENT)
                        .attribute(OPERATION.getKey(), operation.value())
                        .attribute(PROVIDER.getKey(), provider.semconvName())
                        .attribute(REQUEST_MODEL.getKey(), cut(requestedModel))
                        .start(),
                Span.getInvalid());
        return new LlmCall(metrics, series, price, provider, operation, span);
    }

    /**
     * Makes the call's span current (e.g. so that the HTTP client's span nests under it); close the scope.
     *
     * @return the scope to close
     */
    public Scope makeCurrent() {
        return span.makeCurrent();
    }

    /**
     * The provider of this call.
     *
     * @return the provider
     */
    public LlmProvider provider() {
        return provider;
    }

    /**
     * The operation of this call.
     *
     * @return the operation
     */
    public LlmOperation operation() {
        return operation;
    }

    /**
     * Records the time to first token, the first time it is called; later calls do nothing.
     *
     * @return this call
     */
    public LlmCall firstToken() {
        if (firstTokenSeen.compareAndSet(false, true)) {
            metrics.timeToFirstToken(series, System.nanoTime() - startNanos);
        }
        return this;
    }

    /**
     * Counts one retry of this request.
     *
     * @param reason why the request was retried; null is counted as a fault
     * @return this call
     */
    public LlmCall retry(@Nullable LlmErrorReason reason) {
        metrics.recordRetry(provider, reason);
        return this;
    }

    /**
     * Sets {@code gen_ai.response.model}, the model that actually answered (e.g. a dated snapshot).
     *
     * @param model the model name the provider reported
     * @return this call
     */
    public LlmCall responseModel(@Nullable String model) {
        if (model != null) {
            metrics.faults.guard(
                    LlmCatalogue.REQUESTS,
                    () -> span.setAttribute(RESPONSE_MODEL, metrics.obs.masker().mask(cut(model))));
        }
        return this;
    }

    /**
     * The prompt: put on the span (truncated, masked) only when content capture is on; otherwise ignored.
     *
     * @param prompt the prompt text
     * @return this call
     */
    public LlmCall prompt(@Nullable String prompt) {
        capture(INPUT_MESSAGES, "user", prompt);
        return this;
    }

    /**
     * The completion: its length is recorded in {@code llm_response_length_chars}; the text goes on
     * the span (truncated, masked) only when content capture is on.
     *
     * @param completion the completion text
     * @return this call
     */
    public LlmCall response(@Nullable String completion) {
        if (completion == null) {
            metrics.faults.record(LlmCatalogue.RESPONSE_LENGTH, FaultReason.NULL_VALUE);
            return this;
        }
        metrics.recordResponseLength(provider, completion.length());
        capture(OUTPUT_MESSAGES, "assistant", completion);
        return this;
    }

    /**
     * Records the response length in characters when the text itself is not at hand.
     *
     * @param chars the length in characters
     * @return this call
     */
    public LlmCall responseLength(long chars) {
        metrics.recordResponseLength(provider, chars);
        return this;
    }

    /**
     * Records a quality score between 0 and 1 for the response.
     *
     * @param score the score, 0 to 1
     * @return this call
     */
    public LlmCall quality(double score) {
        metrics.recordQuality(provider, score);
        return this;
    }

    /**
     * Counts the response as hallucinated.
     *
     * @return this call
     */
    public LlmCall hallucinationDetected() {
        metrics.recordHallucination(provider);
        return this;
    }

    /**
     * Ends the call as a success with input and output tokens; see {@link #success(long, long, long, long)}.
     *
     * @param inputTokens the input (prompt) tokens
     * @param outputTokens the output (completion) tokens
     */
    public void success(long inputTokens, long outputTokens) {
        success(inputTokens, outputTokens, 0, 0);
    }

    /**
     * Ends the call as a success: counts the request, its duration, tokens (disjoint counts, see
     * {@link TokenType}), cost and budget spending, and ends the span. Ignored after an outcome.
     *
     * @param inputTokens the input tokens not read from the cache
     * @param outputTokens the output tokens other than reasoning
     * @param cachedTokens the input tokens read from the cache
     * @param reasoningTokens the reasoning tokens
     */
    public void success(long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long duration = System.nanoTime() - startNanos;
        metrics.usage(series, price, inputTokens, outputTokens, cachedTokens, reasoningTokens);
        metrics.request(series, LlmStatus.SUCCESS, duration);
        metrics.faults.guard(LlmCatalogue.REQUESTS, () -> {
            span.setAttribute(INPUT_TOKENS, Math.max(0, inputTokens) + Math.max(0, cachedTokens));
            span.setAttribute(OUTPUT_TOKENS, Math.max(0, outputTokens) + Math.max(0, reasoningTokens));
            span.end();
        });
    }

    /**
     * Ends the call as a failure: counts an error request and its duration, fails the span. Ignored after an
     * outcome.
     *
     * @param reason why the call failed; null is counted as a fault
     */
    public void failure(@Nullable LlmErrorReason reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        fail(reason);
    }

    /**
     * Ends this call as a failure handed to another provider: counts an error request here and one
     * {@code llm_fallback_total{from,to}}, and starts the call to {@code toModel} at {@code to}.
     * After an outcome it only starts the new call.
     *
     * @param to the provider now called
     * @param toModel the model now called
     * @param reason why this call failed
     * @return the call to the new provider
     */
    public LlmCall fallback(@Nullable LlmProvider to, @Nullable String toModel, @Nullable LlmErrorReason reason) {
        if (ended.compareAndSet(false, true)) {
            fail(reason);
            metrics.recordFallback(provider, to);
        }
        return metrics.start(to, toModel, operation);
    }

    /** Ends a call that has no outcome yet as a cancelled failure; does nothing otherwise. */
    @Override
    public void close() {
        failure(LlmErrorReason.CANCELLED);
    }

    private void fail(@Nullable LlmErrorReason reason) {
        LlmErrorReason r = metrics.faults.rejectsNull(LlmCatalogue.REQUESTS, reason) ? LlmErrorReason.OTHER : reason;
        metrics.request(series, LlmStatus.ERROR, System.nanoTime() - startNanos);
        metrics.faults.guard(LlmCatalogue.REQUESTS, () -> {
            span.setAttribute(ERROR_TYPE, r.label());
            span.setStatus(StatusCode.ERROR, r.label());
            span.end();
        });
    }

    private void capture(AttributeKey<String> key, String role, @Nullable String text) {
        if (text == null || !metrics.content.enabled()) {
            return;
        }
        metrics.faults.guard(LlmCatalogue.REQUESTS, () -> {
            String messages = metrics.content.messages(role, text);
            if (messages != null) {
                span.setAttribute(key, messages);
            }
        });
    }

    private static @Nullable String cut(@Nullable String model) {
        return model == null || model.length() <= MAX_MODEL_CHARS ? model : model.substring(0, MAX_MODEL_CHARS);
    }
}
