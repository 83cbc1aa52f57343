package io.escalation.obs.core.spi.record;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * OpenTelemetry span calls that never throw into the caller: a host's {@link Span} or context
 * implementation that throws is ignored, the caller's work and result stand. Nothing is counted (a span
 * is not a meter). An {@link Error} passes through, but from {@link #end} only a {@link VirtualMachineError}
 * does. Static, allocation-free.
 *
 * <pre>{@code
 * Scope scope = SpanCalls.makeCurrent(span);
 * try { ... SpanCalls.setStatus(span, StatusCode.OK); } finally { SpanCalls.end(span, scope); }
 * }</pre>
 */
public final class SpanCalls {

    private SpanCalls() {}

    /**
     * Sets {@code key} to {@code value} on {@code span}. Never throws.
     *
     * @param <T> the attribute's type
     * @param span the span
     * @param key the attribute key
     * @param value the attribute value
     */
    public static <T> void setAttribute(Span span, AttributeKey<T> key, T value) {
        try {
            span.setAttribute(key, value);
        } catch (RuntimeException e) {
            // a host's Span implementation that throws: the caller's work goes on
        }
    }

    /**
     * Sets {@code span}'s status. Never throws.
     *
     * @param span the span
     * @param status the status
     */
    public static void setStatus(Span span, StatusCode status) {
        try {
            span.setStatus(status);
        } catch (RuntimeException e) {
            // a host's Span implementation that throws: the caller's result stands
        }
    }

    /**
     * Makes {@code span} current, or returns a no-op scope when that throws. Never throws.
     *
     * @param span the span
     * @return the scope to close, never null
     */
    public static Scope makeCurrent(Span span) {
        try {
            return span.makeCurrent();
        } catch (RuntimeException e) {
            return Scope.noop();
        }
    }

    /**
     * Closes {@code scope}, then ends {@code span}. Never throws but a {@link VirtualMachineError}.
     *
     * @param span the span to end
     * @param scope the scope {@link #makeCurrent} returned
     */
    public static void end(Span span, Scope scope) {
        try {
            scope.close();
            span.end();
        } catch (Throwable e) {
            Faults.rethrowIfFatal(e);
        }
    }
}
