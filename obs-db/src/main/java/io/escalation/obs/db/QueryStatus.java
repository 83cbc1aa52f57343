package io.escalation.obs.db;

/** Outcome of a query: the {@code status} label of {@code db_queries_total}. */
public enum QueryStatus {
    /** The query completed. */
    SUCCESS("success"),
    /** The query failed (exception, timeout, deadlock). */
    ERROR("error");

    private final String label;

    QueryStatus(String label) {
        this.label = label;
    }

    /**
     * The exposed label value.
     *
     * @return the value of the {@code status} label
     */
    public String label() {
        return label;
    }
}
