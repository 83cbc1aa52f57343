package io.escalation.obs.core;

/** The {@code severity} label of {@code app_errors_total}. */
public enum ErrorSeverity {
    /** The service cannot do its job; pages someone. */
    CRITICAL("critical"),
    /** A request or task failed. */
    ERROR("error"),
    /** Degraded, recovered or retried. */
    WARNING("warning");

    private final String label;

    ErrorSeverity(String label) {
        this.label = label;
    }

    /**
     * The label value.
     *
     * @return the value of the {@code severity} label
     */
    public String label() {
        return label;
    }
}
