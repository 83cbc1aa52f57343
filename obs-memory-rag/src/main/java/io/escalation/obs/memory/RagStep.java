package io.escalation.obs.memory;

/** The {@code step} label of {@code rag_reasoning_steps_total}: one step of the agentic RAG loop. */
public enum RagStep {
    QUERY_UNDERSTANDING("query_understanding"),
    PLANNING("planning"),
    QUERY_REWRITING("query_rewriting"),
    RETRIEVAL("retrieval"),
    RERANKING("reranking"),
    REFLECTION("reflection"),
    SYNTHESIS("synthesis"),
    VERIFICATION("verification");

    private final String label;

    RagStep(String label) {
        this.label = label;
    }

    /** The label value. */
    public String label() {
        return label;
    }
}
