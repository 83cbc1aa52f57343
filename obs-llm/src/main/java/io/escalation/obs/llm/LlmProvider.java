package io.escalation.obs.llm;

import io.escalation.obs.core.label.LabelValue;

/**
 * The LLM provider: the {@code provider} label (and {@code from} / {@code to} of
 * {@code llm_fallback_total}), and the {@code gen_ai.provider.name} span attribute.
 */
public enum LlmProvider implements LabelValue {
    /** OpenAI's API. */
    OPENAI("openai", "openai"),
    /** Anthropic's API. */
    ANTHROPIC("anthropic", "anthropic"),
    /** Google's Gemini API. */
    GEMINI("gemini", "gcp.gemini"),
    /** Google Cloud Vertex AI. */
    VERTEX_AI("vertex_ai", "gcp.vertex_ai"),
    /** Azure OpenAI. */
    AZURE_OPENAI("azure_openai", "azure.ai.openai"),
    /** AWS Bedrock. */
    AWS_BEDROCK("aws_bedrock", "aws.bedrock"),
    /** Mistral AI. */
    MISTRAL("mistral", "mistral_ai"),
    /** Cohere. */
    COHERE("cohere", "cohere"),
    /** A provider not listed here (self-hosted models included). */
    OTHER("other", "_OTHER");

    private final String label;
    private final String semconvName;

    LlmProvider(String label, String semconvName) {
        this.label = label;
        this.semconvName = semconvName;
    }

    /**
     * The label value, e.g. {@code openai}; also the provider column of a price table.
     *
     * @return the value of the {@code provider} label
     */
    @Override
    public String label() {
        return label;
    }

    /**
     * The OpenTelemetry {@code gen_ai.provider.name} value, e.g. {@code gcp.gemini}.
     *
     * @return the semantic convention value
     */
    public String semconvName() {
        return semconvName;
    }
}
