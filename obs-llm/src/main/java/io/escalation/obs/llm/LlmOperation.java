package io.escalation.obs.llm;

/** The OpenTelemetry {@code gen_ai.operation.name} of a call; it also opens the span name. */
public enum LlmOperation {
    CHAT("chat"),
    TEXT_COMPLETION("text_completion"),
    GENERATE_CONTENT("generate_content"),
    EMBEDDINGS("embeddings"),
    EXECUTE_TOOL("execute_tool"),
    INVOKE_AGENT("invoke_agent");

    private final String value;

    LlmOperation(String value) {
        this.value = value;
    }

    /** The attribute value, e.g. {@code chat}. */
    public String value() {
        return value;
    }
}
