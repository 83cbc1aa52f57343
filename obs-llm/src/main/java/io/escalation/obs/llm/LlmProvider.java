package io.escalation.obs.llm;

/**
 * The LLM provider: the {@code provider} label (and {@code from} / {@code to} of
 * {@code llm_fallback_total}), and the {@code gen_ai.provider.name} span attribute.
 */
public enum LlmProvider {
    OPENAI("openai", "openai"),
    ANTHROPIC("anthropic", "anthropic"),
    GEMINI("gemini", "gcp.gemini"),
    VERTEX_AI("vertex_ai", "gcp.vertex_ai"),
    AZURE_OPENAI("azure_openai", "azure.ai.openai"),
    AWS_BEDROCK("aws_bedrock", "aws.bedrock"),
    MISTRAL("mistral", "mistral_ai"),
    COHERE("cohere", "cohere"),
    /** A provider not listed here (self-hosted models included). */
    OTHER("other", "_OTHER");

    private final String label;
    private final String semconvName;

    LlmProvider(String label, String semconvName) {
        this.label = label;
        this.semconvName = semconvName;
    }

    /** The label value, e.g. {@code openai}; also the provider column of a price table. */
    public String label() {
        return label;
    }

    /** The OpenTelemetry {@code gen_ai.provider.name} value, e.g. {@code gcp.gemini}. */
    public String semconvName() {
        return semconvName;
    }
}
