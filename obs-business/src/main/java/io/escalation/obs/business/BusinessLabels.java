package io.escalation.obs.business;

import io.escalation.obs.core.catalog.ObsLabel;

/** Label keys of obs-business's meters; every vocabulary is an enum. */
public enum BusinessLabels implements ObsLabel {
    /** {@link CampaignStatus}. */
    CAMPAIGN_STATUS("status", "draft, scheduled, active, paused, completed, cancelled"),
    /** {@link TaskStatus}. */
    TASK_STATUS("status", "pending, in_progress, completed, failed"),
    /** {@link Outcome}. */
    OUTCOME("outcome", "success, failure, cancelled"),
    /** {@link Channel}. */
    CHANNEL("channel", "email, phone, sms"),
    /** {@link AgentType}. */
    AGENT_TYPE("agent_type", "email, phone, sms");

    private final String key;
    private final String vocabulary;

    BusinessLabels(String key, String vocabulary) {
        this.key = key;
        this.vocabulary = vocabulary;
    }

    @Override
    public String asString() {
        return key;
    }

    @Override
    public String vocabulary() {
        return vocabulary;
    }
}
