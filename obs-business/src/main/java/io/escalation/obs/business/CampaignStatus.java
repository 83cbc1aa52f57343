package io.escalation.obs.business;

import io.escalation.obs.core.label.LabelValue;

/** Status of a campaign: the {@code status} label of {@code campaigns}. */
public enum CampaignStatus implements LabelValue {
    /** Being prepared, not scheduled. */
    DRAFT("draft"),
    /** Waiting for its start time. */
    SCHEDULED("scheduled"),
    /** Contacting customers. */
    ACTIVE("active"),
    /** Stopped for now, to be resumed. */
    PAUSED("paused"),
    /** Finished, whatever the outcome. */
    COMPLETED("completed"),
    /** Stopped for good before finishing. */
    CANCELLED("cancelled");

    private final String label;

    CampaignStatus(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code status} label
     */
    @Override
    public String label() {
        return label;
    }
}
