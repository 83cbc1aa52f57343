package io.escalation.obs.core.trace;

import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.record.Causes;
import io.escalation.obs.core.spi.record.Faults;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * Runs code in OpenTelemetry spans. String attributes, exception messages and stack traces go
 * through the {@link PiiMasker}; an exception marks the span as an error and is rethrown as is.
 *
 * <pre>{@code
 * Payment p = obs.spans().span("payment.collect")
 *         .kind(SpanKind.CLIENT)
 *         .attribute("payment.gateway", "stripe")
 *         .call(() -> gateway.collect(request));
 * String traceId = Spans.currentTraceId();   // "" outside a sampled span
 * }</pre>
 */
public final class Spans {

    static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
    static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

    /** Characters of {@code exception.stacktrace} kept. */
    static final int MAX_STACK_TRACE_CHARS = 65_536;

    private final Tracer tracer;
    private final PiiMasker masker;

    /**
     * For {@code Observability}; use {@code obs.spans()}.
     *
     * @param tracer the tracer spans are started with
     * @param masker the masker applied to string attributes
     */
    public Spans(Tracer tracer, PiiMasker masker) {
        this.tracer = tracer;
        this.masker = masker;
    }

    /**
     * Starts describing a span named {@code name} (low cardinality, e.g. {@code campaign.create}).
     *
     * @param name the span name
     * @return a span builder
     */
    public Builder span(String name) {
        return new Builder(name);
    }

    /**
     * Runs {@code body} in an internal span named {@code name}.
     *
     * @param <T> the result type
     * @param <E> the exception {@code body} may throw
     * @param name the span name
     * @param body the code to run
     * @return what {@code body} returned
     * @throws E when {@code body} throws it
     */
    public <T, E extends Throwable> T call(String name, SpanBody<T, E> body) throws E {
        return span(name).call(body);
    }

    /**
     * Sets a masked string attribute on the current span, if there is one. Never throws.
     *
     * @param key the attribute key
     * @param value the value, masked; null sets nothing
     */
    public void setAttribute(String key, @Nullable String value) {
        if (value == null) {
            return;
        }
        try {
            Span.current().setAttribute(key, masker.mask(value));
        } catch (RuntimeException e) {
            // a host's Span or context implementation that throws: the caller's work goes on
        }
    }

    /**
     * Records {@code error} on the current span (masked) and marks it as failed. A null error still
     * marks the span failed, without an exception event. Never throws.
     *
     * @param error the error, or null
     */
    public void recordError(@Nullable Throwable error) {
        if (error == null) {
            Span.current().setStatus(StatusCode.ERROR);
            return;
        }
        markFailed(Span.current(), error);
    }

    /**
     * Records {@code error} on {@code span} (masked) and marks it as failed, as {@link #recordError(Throwable)}
     * does for the current span: for helpers that start their own span ({@link Builder#start()}). Never throws.
     *
     * @param span the span to mark; null does nothing
     * @param error the error, or null (the span is still marked failed)
     */
    public void recordError(@Nullable Span span, @Nullable Throwable error) {
        if (span == null) {
            return;
        }
        try {
            if (error == null) {
                span.setStatus(StatusCode.ERROR);
            } else {
                markFailed(span, error);
            }
        } catch (Throwable spanFailed) {
            Faults.rethrowIfFatal(spanFailed);
            // a Span implementation that throws: the caller's work goes on
        }
    }

    /**
     * The current trace id (32 hex), or {@code ""} when no valid span is current.
     *
     * @return the trace id, or empty
     */
    public static String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : "";
    }

    /**
     * The current span id (16 hex), or {@code ""} when no valid span is current.
     *
     * @return the span id, or empty
     */
    public static String currentSpanId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getSpanId() : "";
    }

    /**
     * Describes {@code error} on {@code span}: bounded whatever the exception (a cause chain thousands
     * deep, a cycle, a 10 MB message, accessors that throw), see {@link Causes#stackTrace}.
     */
    private void markFailed(Span span, Throwable error) {
        try {
            String maskedMessage = Causes.message(error, masker::mask);
            span.addEvent(
                    "exception",
                    Attributes.of(
                            EXCEPTION_TYPE, error.getClass().getName(),
                            EXCEPTION_MESSAGE, maskedMessage,
                            EXCEPTION_STACKTRACE, Causes.stackTrace(error, MAX_STACK_TRACE_CHARS, masker::mask)));
            span.setStatus(StatusCode.ERROR, maskedMessage);
        } catch (Throwable describingFailed) {
            Faults.rethrowIfFatal(describingFailed);
            // a span that cannot be described: keep the caller's exception, mark the span only
            span.setStatus(StatusCode.ERROR, error.getClass().getName());
        }
    }

    /** Describes one span: kind and attributes, then {@link #call} or {@link #start}. */
    public final class Builder {
        private final String name;
        private SpanKind kind = SpanKind.INTERNAL;
        private final AttributesBuilder attributes = Attributes.builder();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The span kind; default {@link SpanKind#INTERNAL}.
         *
         * @param kind the span kind
         * @return this builder
         */
        public Builder kind(SpanKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * A string attribute, masked; null values are skipped.
         *
         * @param key the attribute key
         * @param value the value, masked; null sets nothing
         * @return this builder
         */
        public Builder attribute(String key, @Nullable String value) {
            if (value != null) {
                attributes.put(key, masker.mask(value));
            }
            return this;
        }

        /**
         * A numeric attribute.
         *
         * @param key the attribute key
         * @param value the attribute value
         * @return this builder
         */
        public Builder attribute(String key, long value) {
            attributes.put(key, value);
            return this;
        }

        /**
         * A boolean attribute.
         *
         * @param key the attribute key
         * @param value the attribute value
         * @return this builder
         */
        public Builder attribute(String key, boolean value) {
            attributes.put(key, value);
            return this;
        }

        /**
         * Runs {@code body} in the span, ending it afterwards; an exception fails the span and is rethrown.
         *
         * @param <T> the result type
         * @param <E> the exception {@code body} may throw
         * @param body the code to run
         * @return what {@code body} returned
         * @throws E when {@code body} throws it
         */
        @SuppressWarnings("try") // the scope is only closed, never read
        public <T, E extends Throwable> T call(SpanBody<T, E> body) throws E {
            Span span = start();
            try (Scope scope = span.makeCurrent()) {
                return body.call();
            } catch (Throwable error) {
                markFailed(span, error);
                throw error;
            } finally {
                span.end();
            }
        }

        /**
         * Starts the span without making it current; the caller ends it (see {@link Spans#recordError}).
         *
         * @return the started span
         */
        public Span start() {
            return tracer.spanBuilder(name)
                    .setSpanKind(kind)
                    .setAllAttributes(attributes.build())
                    .startSpan();
        }
    }
}
