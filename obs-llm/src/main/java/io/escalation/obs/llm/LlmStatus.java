package io.escalation.obs.llm;

/** The {@code status} label of {@code llm_requests_total}: the seed's success / error. */
public enum LlmStatus {
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
    public String label() {
        return label;
    }
}
