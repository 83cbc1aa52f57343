package io.escalation.obs.business;

import io.escalation.obs.core.label.LabelValue;

/** Status of a task (one contact attempt or follow-up): the {@code status} label of {@code tasks}. */
public enum TaskStatus implements LabelValue {
    /** Queued, not started. */
    PENDING("pending"),
    /** An agent is working on it. */
    IN_PROGRESS("in_progress"),
    /** Done. */
    COMPLETED("completed"),
    /** Gave up after its retries. */
    FAILED("failed");

    private final String label;

    TaskStatus(String label) {
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
