package io.escalation.obs.memory;

import io.escalation.obs.core.label.LabelValue;

/** The {@code status} label of {@code memory_consolidation_runs_total}. */
public enum Outcome implements LabelValue {
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
    @Override
    public String label() {
        return label;
    }
}
