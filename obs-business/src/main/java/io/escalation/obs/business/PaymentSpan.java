package io.escalation.obs.business;

import io.escalation.obs.core.spi.record.SpanCalls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * The {@code process_payment} span a {@link PaymentWork} runs in: it sets the payment's status.
 * Valid while the work runs; one thread at a time.
 */
public final class PaymentSpan {

    static final AttributeKey<String> PAYMENT_STATUS = AttributeKey.stringKey("payment.status");

    private final Span span;

    PaymentSpan(Span span) {
        this.span = span;
    }

    /**
     * Sets {@code payment.status}; the last call wins. Never throws.
     *
     * @param status how the payment ended; null sets nothing
     */
    public void status(@Nullable PaymentStatus status) {
        if (status == null) {
            return;
        }
        SpanCalls.setAttribute(span, PAYMENT_STATUS, status.value());
    }
}
