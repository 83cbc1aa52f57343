package io.escalation.obs.llm;

/** The {@code status} label of {@code llm_requests_total}: the seed's success / error. */
public enum LlmStatus {
    SUCCESS("success"),
    ERROR("error");

    private final String label;

    LlmStatus(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
