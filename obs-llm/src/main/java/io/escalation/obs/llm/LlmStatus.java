package io.escalation.obs.llm;

import io.escalation.obs.core.label.LabelValue;

/** The {@code status} label of {@code llm_requests_total}: the reference architecture's success / error. */
public enum LlmStatus implements LabelValue {
    /** The request got a complete response. */
    SUCCESS("success"),
    /** The request failed. */
    ERROR("error");

    private final String label;

    LlmStatus(String label) {
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
