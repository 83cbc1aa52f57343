package io.escalation.obs.business;

import io.escalation.obs.core.label.LabelValue;

/** Kind of AI agent handling a task: the {@code agent_type} label. A bounded set, unlike agent ids. */
public enum AgentType implements LabelValue {
    /** Writes and answers e-mails. */
    EMAIL("email"),
    /** Places and takes voice calls. */
    PHONE("phone"),
    /** Sends and answers text messages. */
    SMS("sms");

    private final String label;

    AgentType(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code agent_type} label
     */
    @Override
    public String label() {
        return label;
    }
}
