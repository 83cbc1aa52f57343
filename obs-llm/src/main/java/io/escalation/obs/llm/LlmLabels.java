package io.escalation.obs.llm;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Label keys of obs-llm's meters, with their vocabularies. */
public enum LlmLabels implements ObsLabel {
    /** The provider called. */
    PROVIDER("provider", vocabulary(LlmProvider.values(), LlmProvider::label), false),
    /** The model requested, guarded: PII becomes {@code redacted}, names beyond the cap {@code other}. */
    MODEL("model", "model name as the service requests it, e.g. gpt-4o", true),
    /** The token type: input, output, cached input or reasoning. */
    TOKEN_TYPE("type", vocabulary(TokenType.values(), TokenType::label), false),
    /** The request's outcome: success or error. */
    STATUS("status", vocabulary(LlmStatus.values(), LlmStatus::label), false),
    /** Why a request was retried. */
    REASON("reason", vocabulary(LlmErrorReason.values(), LlmErrorReason::label), false),
    /** The provider given up in a fallback. */
    FROM("from", "provider given up: " + vocabulary(LlmProvider.values(), LlmProvider::label), false),
    /** The provider fallen back to. */
    TO("to", "provider fallen back to: " + vocabulary(LlmProvider.values(), LlmProvider::label), false);

    private final LabelSpec spec;

    LlmLabels(String key, String vocabulary, boolean open) {
        this.spec = new LabelSpec(key, vocabulary, open);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }

    private static <E> String vocabulary(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(label).collect(Collectors.joining(", "));
    }
}
