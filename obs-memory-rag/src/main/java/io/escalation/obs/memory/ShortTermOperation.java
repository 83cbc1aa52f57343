package io.escalation.obs.memory;

/** The {@code operation} label of {@code memory_short_term_operations_total}: what the service did to session memory. */
public enum ShortTermOperation {
    GET("get"),
    SET("set"),
    DELETE("delete"),
    EXPIRE("expire"),
    APPEND("append");

    private final String label;

    ShortTermOperation(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
