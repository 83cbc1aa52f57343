package io.escalation.obs.memory;

/** The {@code status} label of {@code memory_consolidation_runs_total}. */
public enum Outcome {
    SUCCESS("success"),
    ERROR("error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
