package io.escalation.obs.tcpa;

/** How a consumer is contacted: the {@code channel} label. */
public enum TcpaChannel {
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
    public String label() {
        return label;
    }
}
