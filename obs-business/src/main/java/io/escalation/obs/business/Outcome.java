package io.escalation.obs.business;

/** How a campaign, task or agent task ended: the {@code outcome} label. */
public enum Outcome {
    /** Reached its goal (a payment, a promise to pay, a resolved account). */
    SUCCESS("success"),
    /** Ended without reaching its goal. */
    FAILURE("failure"),
    /** Stopped before it could end; left out of success rates. */
    CANCELLED("cancelled");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code outcome} label
     */
    public String label() {
        return label;
    }
}
