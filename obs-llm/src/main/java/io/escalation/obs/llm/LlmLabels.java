package io.escalation.obs.llm;

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

    private final String key;
    private final String vocabulary;
    private final boolean open;

    LlmLabels(String key, String vocabulary, boolean open) {
        this.key = key;
        this.vocabulary = vocabulary;
        this.open = open;
    }

    @Override
    public String asString() {
        return key;
    }

    @Override
    public String vocabulary() {
        return vocabulary;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private static <E> String vocabulary(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(label).collect(Collectors.joining(", "));
    }
}
