package io.escalation.obs.memory;

import io.escalation.obs.core.label.LabelValue;

/** The {@code operation} label of {@code memory_short_term_operations_total}: what the service did to session memory. */
public enum ShortTermOperation implements LabelValue {
    /** A read of a session's memory. */
    GET("get"),
    /** A write of a session's memory. */
    SET("set"),
    /** A removal of a session's memory. */
    DELETE("delete"),
    /** A session's memory reaching its expiry. */
    EXPIRE("expire"),
    /** An addition to a session's memory. */
    APPEND("append");

    private final String label;

    ShortTermOperation(String label) {
        this.label = label;
    }

    /**
     * The label value.
     *
     * @return the value of the {@code operation} label
     */
    @Override
    public String label() {
        return label;
    }
}
