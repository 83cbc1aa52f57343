package io.escalation.obs.memory;

import io.escalation.obs.core.label.LabelValue;

/** The {@code step} label of {@code rag_reasoning_steps_total}: one step of the agentic RAG loop. */
public enum RagStep implements LabelValue {
    /** Working out what the query asks. */
    QUERY_UNDERSTANDING("query_understanding"),
    /** Planning the retrieval. */
    PLANNING("planning"),
    /** Rewriting the query for search. */
    QUERY_REWRITING("query_rewriting"),
    /** Fetching candidate documents. */
    RETRIEVAL("retrieval"),
    /** Reordering the candidates by relevance. */
    RERANKING("reranking"),
    /** Judging whether the results answer the query. */
    REFLECTION("reflection"),
    /** Writing the answer from the results. */
    SYNTHESIS("synthesis"),
    /** Checking the answer against the sources. */
    VERIFICATION("verification");

    private final String label;

    RagStep(String label) {
        this.label = label;
    }

    /**
     * The label value.
     *
     * @return the value of the {@code step} label
     */
    @Override
    public String label() {
        return label;
    }
}
