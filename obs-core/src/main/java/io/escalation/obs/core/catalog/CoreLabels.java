package io.escalation.obs.core.catalog;

/** Label keys of obs-core's own meters. */
public enum CoreLabels implements ObsLabel {
    METRIC("metric", "Prometheus name of the affected obs meter", false),
    REASON("reason", "null_value, negative_value, not_a_number, value_too_large, label_too_long, label_control_chars, label_pii, recording_failed", false),
    LABEL("label", "label key of the meter whose value set overflowed, or that was folded when the meter reached its series cap", false),
    ERROR_TYPE("type", "exception simple class name or caller-chosen error type", true),
    SEVERITY("severity", "critical, error, warning", false),
    QUEUE("queue", "name given when the queue or executor was registered", false),
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
