package io.escalation.obs.llm;

import io.escalation.obs.core.label.LabelValue;

/**
 * The {@code type} label of {@code llm_tokens_used_total}. The four kinds are disjoint, so their
 * sum is every token billed: {@link #INPUT} excludes cached input and {@link #OUTPUT} excludes
 * reasoning tokens (OpenAI reports cached and reasoning tokens as parts of its prompt and
 * completion counts: subtract them).
 */
public enum TokenType implements LabelValue {
    /** Prompt tokens billed at the input price. */
    INPUT("input"),
    /** Completion tokens billed at the output price, reasoning excluded. */
    OUTPUT("output"),
    /** Prompt tokens read from the provider's cache, billed at the cached-input price. */
    CACHED("cached"),
    /** Hidden reasoning tokens, billed at the output price. */
    REASONING("reasoning");

    private final String label;

    TokenType(String label) {
        this.label = label;
    }

    /**
     * The label value.
     *
     * @return the value of the {@code type} label
     */
    @Override
    public String label() {
        return label;
    }
}
