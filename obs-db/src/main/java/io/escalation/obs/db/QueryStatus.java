package io.escalation.obs.db;

import io.escalation.obs.core.label.LabelValue;

/** Outcome of a query: the {@code status} label of {@code db_queries_total}. */
public enum QueryStatus implements LabelValue {
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
    @Override
    public String label() {
        return label;
    }
}
