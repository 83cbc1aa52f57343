package io.escalation.obs.business;

import io.escalation.obs.core.label.LabelValue;

/** Channel through which a customer is contacted: the {@code channel} label. */
public enum Channel implements LabelValue {
    /** E-mail. */
    EMAIL("email"),
    /** Voice call. */
    PHONE("phone"),
    /** Text message. */
    SMS("sms");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code channel} label
     */
    @Override
    public String label() {
        return label;
    }
}
