package io.escalation.obs.llm;

/**
 * Told when an {@link LlmBudget} changes state: crossing the warning threshold, reaching the
 * limit, or starting a new period. Called on the recording thread that caused the change, once
 * per change; it should be quick (flip a flag, enqueue a notification). Exceptions are caught and
 * counted, never thrown into the recording call.
 *
 * <pre>{@code
 * AtomicBoolean stopSpending = new AtomicBoolean();
 * BudgetListener listener = (from, to, budget) -> stopSpending.set(to == BudgetState.EXHAUSTED);
 * }</pre>
 */
@FunctionalInterface
public interface BudgetListener {

    /**
     * The budget went from {@code from} to {@code to}.
     *
     * @param from the state before the change
     * @param to the state now
     * @param budget the budget, to read its spending and period
     */
    void onStateChange(BudgetState from, BudgetState to, LlmBudget budget);
}
