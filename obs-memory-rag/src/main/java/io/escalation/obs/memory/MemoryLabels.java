package io.escalation.obs.memory;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Label keys of obs-memory-rag's meters, with their vocabularies. */
public enum MemoryLabels implements ObsLabel {
    /** The Qdrant collection of {@code qdrant_collection_vectors}. */
    COLLECTION("collection", "Qdrant collection name given when its gauge was registered, e.g. customer_interactions"),
    /** The short-term memory operation: get, set, delete, expire, append. */
    OPERATION("operation", vocabulary(ShortTermOperation.values(), ShortTermOperation::label)),
    /** The outcome of a consolidation run: success or error. */
    STATUS("status", vocabulary(Outcome.values(), Outcome::label)),
    /** The step of the agentic RAG loop. */
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
