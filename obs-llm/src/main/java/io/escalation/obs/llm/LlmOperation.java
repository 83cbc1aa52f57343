package io.escalation.obs.llm;

/** The OpenTelemetry {@code gen_ai.operation.name} of a call; it also opens the span name. */
public enum LlmOperation {
    /** A chat completion. */
    CHAT("chat"),
    /** A plain text completion. */
    TEXT_COMPLETION("text_completion"),
    /** A multimodal content generation (e.g. Gemini's generateContent). */
    GENERATE_CONTENT("generate_content"),
    /** An embeddings request. */
    EMBEDDINGS("embeddings"),
    /** A tool executed on the model's request. */
    EXECUTE_TOOL("execute_tool"),
    /** An agent invocation. */
    INVOKE_AGENT("invoke_agent");

    private final String value;

    LlmOperation(String value) {
        this.value = value;
    }

    /**
     * The attribute value, e.g. {@code chat}.
     *
     * @return the {@code gen_ai.operation.name} value
     */
    public String value() {
        return value;
    }
}
