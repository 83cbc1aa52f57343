package io.escalation.obs.llm;

import io.escalation.obs.core.catalog.LabelSpec;
import io.escalation.obs.core.catalog.ObsLabel;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Label keys of obs-llm's meters, with their vocabularies. */
public enum LlmLabels implements ObsLabel {
    PROVIDER("provider", vocabulary(LlmProvider.values(), LlmProvider::label), false),
    MODEL("model", "model name as the service requests it, e.g. gpt-4o", true),
    TOKEN_TYPE("type", vocabulary(TokenType.values(), TokenType::label), false),
    STATUS("status", vocabulary(LlmStatus.values(), LlmStatus::label), false),
    REASON("reason", vocabulary(LlmErrorReason.values(), LlmErrorReason::label), false),
    FROM("from", "provider given up: " + vocabulary(LlmProvider.values(), LlmProvider::label), false),
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
