package io.escalation.obs.llm;

/** Where the spending of the current period stands against an {@link LlmBudget}. */
public enum BudgetState {
    /** Below the warning threshold. */
    OK,
    /** At or above the warning threshold, below the limit. */
    WARNING,
    /** At or above the limit: the service should stop spending until the period ends. */
    EXHAUSTED
}
