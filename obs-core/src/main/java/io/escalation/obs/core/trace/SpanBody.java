package io.escalation.obs.core.trace;

/**
 * Code run inside a span by {@link Spans#call}.
 *
 * @param <T> the result
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface SpanBody<T, E extends Throwable> {
    /**
     * Runs the code; the span is current while it runs.
     *
     * @return the result
     * @throws E when the code fails
     */
    T call() throws E;
}
