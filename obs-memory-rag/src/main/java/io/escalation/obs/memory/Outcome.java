package io.escalation.obs.memory;

/** The {@code status} label of {@code memory_consolidation_runs_total}. */
public enum Outcome {
    /** The run completed. */
    SUCCESS("success"),
    /** The run threw. */
    ERROR("error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /**
     * The label value.
     *
     * @return the value of the {@code status} label
     */
    public String label() {
        return label;
    }
}
