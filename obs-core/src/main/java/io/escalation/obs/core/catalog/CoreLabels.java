package io.escalation.obs.core.catalog;

/** Label keys of obs-core's own meters. */
public enum CoreLabels implements ObsLabel {
    /** The Prometheus name of the meter a fault was counted for. */
    METRIC("metric", "Prometheus name of the affected obs meter", false),
    /** Why a recording call's input was dropped, clamped or masked. */
    REASON("reason", "null_value, negative_value, not_a_number, value_too_large, label_too_long, label_control_chars, label_pii, recording_failed", false),
    /** The label key whose values were folded into {@code other}. */
    LABEL("label", "label key of the meter whose value set overflowed, or that was folded when the meter reached its series cap", false),
    /** The error type: the exception's simple class name or the caller's type. */
    ERROR_TYPE("type", "exception simple class name or caller-chosen error type", true),
    /** The error severity: critical, error or warning. */
    SEVERITY("severity", "critical, error, warning", false),
    /** The name a queue or executor was registered with. */
    QUEUE("queue", "name given when the queue or executor was registered", false),
    /** The name a health check was registered with. */
    CHECK("check", "name given when the health check was registered", false);

    private final LabelSpec spec;

    CoreLabels(String key, String vocabulary, boolean open) {
        this.spec = new LabelSpec(key, vocabulary, open);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
