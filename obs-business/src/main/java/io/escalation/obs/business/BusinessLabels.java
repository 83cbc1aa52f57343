package io.escalation.obs.business;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;

/** Label keys of obs-business's meters; every vocabulary is an enum except the guarded {@code agent_id}. */
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
    AGENT_TYPE("agent_type", "email, phone, sms"),
    /** An AI agent instance's id, chosen by the service; guarded. */
    AGENT_ID("agent_id", "AI agent instance id chosen by the service, e.g. voice-agent-3; never a person or a"
            + " customer", true);

    private final LabelSpec spec;

    BusinessLabels(String key, String vocabulary) {
        this(key, vocabulary, false);
    }

    BusinessLabels(String key, String vocabulary, boolean open) {
        this.spec = new LabelSpec(key, vocabulary, open);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
