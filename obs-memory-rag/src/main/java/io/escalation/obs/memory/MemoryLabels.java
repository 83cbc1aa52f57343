package io.escalation.obs.memory;

import io.escalation.obs.core.catalog.LabelSpec;
import io.escalation.obs.core.catalog.ObsLabel;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Label keys of obs-memory-rag's meters, with their vocabularies. */
public enum MemoryLabels implements ObsLabel {
    COLLECTION("collection", "Qdrant collection name given when its gauge was registered, e.g. customer_interactions"),
    OPERATION("operation", vocabulary(ShortTermOperation.values(), ShortTermOperation::label)),
    STATUS("status", vocabulary(Outcome.values(), Outcome::label)),
    STEP("step", vocabulary(RagStep.values(), RagStep::label));

    private final LabelSpec spec;

    MemoryLabels(String key, String vocabulary) {
        this.spec = new LabelSpec(key, vocabulary, false);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }

    private static <E> String vocabulary(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(label).collect(Collectors.joining(", "));
    }
}
