package io.escalation.obs.tcpa;

import io.escalation.obs.core.label.LabelValue;

/** How a consumer is contacted: the {@code channel} label. */
public enum TcpaChannel implements LabelValue {
    /** A voice call. */
    PHONE("phone"),
    /** A text message. */
    SMS("sms"),
    /** An e-mail. */
    EMAIL("email");

    private final String label;

    TcpaChannel(String label) {
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
