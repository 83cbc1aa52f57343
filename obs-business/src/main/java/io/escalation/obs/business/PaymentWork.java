package io.escalation.obs.business;

/**
 * A payment processed in a {@code process_payment} span by {@link BusinessSpans#processPayment}.
 *
 * @param <T> the result
 * @param <E> the checked exception it may throw
 */
@FunctionalInterface
public interface PaymentWork<T, E extends Throwable> {
    /**
     * Processes the payment; the span is current while it runs.
     *
     * @param payment the span, to set the payment's status on
     * @return the result
     * @throws E when processing fails
     */
    T process(PaymentSpan payment) throws E;
}
