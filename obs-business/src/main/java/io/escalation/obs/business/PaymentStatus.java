package io.escalation.obs.business;

/** How a payment ended: the {@code payment.status} attribute of a {@code process_payment} span. */
public enum PaymentStatus {
    /** The money was collected. */
    COLLECTED("collected"),
    /** The customer promised to pay later. */
    PROMISED("promised"),
    /** The payment provider declined the payment (e.g. the card). */
    DECLINED("declined"),
    /** The attempt failed for another reason (the provider answered an error, a timeout). */
    FAILED("failed"),
    /** Accepted, not settled yet. */
    PENDING("pending");

    private final String value;

    PaymentStatus(String value) {
        this.value = value;
    }

    /**
     * The attribute value.
     *
     * @return the value of {@code payment.status}, lower case
     */
    public String value() {
        return value;
    }
}
