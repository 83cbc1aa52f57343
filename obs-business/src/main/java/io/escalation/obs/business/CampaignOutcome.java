package io.escalation.obs.business;

import io.escalation.obs.core.label.LabelValue;

/**
 * How a collection campaign, or one of its tasks (handled by the service or by an AI agent), ended:
 * the {@code outcome} label.
 */
public enum CampaignOutcome implements LabelValue {
    /** Reached its goal (a payment, a promise to pay, a resolved account). */
    SUCCESS("success"),
    /** Ended without reaching its goal. */
    FAILURE("failure"),
    /** Stopped before it could end; left out of success rates. */
    CANCELLED("cancelled");

    private final String label;

    CampaignOutcome(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code outcome} label
     */
    @Override
    public String label() {
        return label;
    }
}
