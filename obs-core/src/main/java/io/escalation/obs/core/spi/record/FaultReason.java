package io.escalation.obs.core.spi.record;

/**
 * Why a recording call's input was dropped, clamped or masked; the {@code reason} label of
 * {@code obs_instrumentation_errors_total}.
 */
public enum FaultReason {
    /** A required value or label was null; the recording was dropped or the label became {@code unknown}. */
    NULL_VALUE("null_value"),
    /** A count, amount or duration was negative; the recording was dropped. */
    NEGATIVE_VALUE("negative_value"),
    /** NaN or infinite; the recording was dropped. */
    NOT_A_NUMBER("not_a_number"),
    /**
     * Larger than the meter's plausible maximum (clamped), or a decimal with more digits than any
     * real amount has (dropped).
     */
    VALUE_TOO_LARGE("value_too_large"),
    /** A label value longer than the policy's maximum; it was truncated. */
    LABEL_TOO_LONG("label_too_long"),
    /** A label value with control or line-separator characters; they were replaced. */
    LABEL_CONTROL_CHARS("label_control_chars"),
    /** A label value that the masker flags as PII; it became {@code redacted}. */
    LABEL_PII("label_pii"),
    /**
     * The underlying library, or user code the recording call ran (an audit sink, a listener),
     * threw; the recording, or the callback's part of it, was lost.
     */
    RECORDING_FAILED("recording_failed");

    private final String label;

    FaultReason(String label) {
        this.label = label;
    }

    /**
     * The label value exposed in the self-metric.
     *
     * @return the value of the {@code reason} label
     */
    public String label() {
        return label;
    }
}
