package io.escalation.obs.memory;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-memory-rag's meters: the seed's memory system metrics and Qdrant health. */
public enum MemoryMeters implements ObsMeter {
    /** Counter {@code embeddings.generated}: embeddings generated. */
    EMBEDDINGS_GENERATED("embeddings.generated", Meter.Type.COUNTER, null, "Embeddings generated", ""),
    /** Counter {@code embeddings.cache.hits}: embedding lookups answered from the cache. */
    EMBEDDING_CACHE_HITS("embeddings.cache.hits", Meter.Type.COUNTER, null,
            "Embedding lookups answered from the cache", ""),
    /** Counter {@code embeddings.cache.misses}: embedding lookups that had to generate. */
    EMBEDDING_CACHE_MISSES("embeddings.cache.misses", Meter.Type.COUNTER, null,
            "Embedding lookups that had to generate", ""),
    /** Timer {@code embeddings.generation.duration}: time one embedding call took. */
    EMBEDDING_DURATION("embeddings.generation.duration", Meter.Type.TIMER, null,
            "Time one embedding call took (a batch counts once)", ""),
    /** Counter {@code qdrant.vectors.stored}: vectors upserted into Qdrant. */
    QDRANT_VECTORS_STORED("qdrant.vectors.stored", Meter.Type.COUNTER, null,
            "Vectors the service upserted into Qdrant", ""),
    /** Counter {@code qdrant.search.requests}: Qdrant searches. */
    QDRANT_SEARCHES("qdrant.search.requests", Meter.Type.COUNTER, null, "Qdrant searches", ""),
    /** Timer {@code qdrant.search.duration}: time one Qdrant search took. */
    QDRANT_SEARCH_DURATION("qdrant.search.duration", Meter.Type.TIMER, null, "Time one Qdrant search took", ""),
    /** Summary {@code qdrant.search.results}: points one Qdrant search returned. */
    QDRANT_SEARCH_RESULTS("qdrant.search.results", Meter.Type.DISTRIBUTION_SUMMARY, null,
            "Points one Qdrant search returned",
            "seed: qdrant_search_results_count{quantile=\"0.95\"}; a histogram (a gauge or summary named *_count"
                    + " clashes with histogram series and promtool): the 95th percentile is"
                    + " histogram_quantile(0.95, sum by (le) (rate(qdrant_search_results_bucket[5m])))"),
    /** Gauge {@code qdrant.collection.vectors}: vectors in a Qdrant collection, by collection. */
    QDRANT_COLLECTION_VECTORS("qdrant.collection.vectors", Meter.Type.GAUGE, null,
            "Vectors in a Qdrant collection, as the service reads them from Qdrant",
            "seed: qdrant_vectors_total{collection}; a gauge must not end in _total (that suffix means a counter)",
            MemoryLabels.COLLECTION),
    /** Gauge {@code qdrant.collections}: collections in Qdrant. */
    QDRANT_COLLECTIONS("qdrant.collections", Meter.Type.GAUGE, null, "Collections in Qdrant",
            "seed: qdrant_collections_total; a gauge must not end in _total"),
    /** Gauge {@code qdrant.memory.usage}: memory Qdrant reports using, in bytes. */
    QDRANT_MEMORY("qdrant.memory.usage", Meter.Type.GAUGE, "bytes", "Memory Qdrant reports using", ""),
    /** Gauge {@code memory.short.term.sessions.active}: sessions held in short-term memory. */
    SESSIONS_ACTIVE("memory.short.term.sessions.active", Meter.Type.GAUGE, null,
            "Conversation sessions held in short-term memory (Redis)", ""),
    /** Counter {@code memory.short.term.operations}: short-term memory operations, by operation. */
    SHORT_TERM_OPERATIONS("memory.short.term.operations", Meter.Type.COUNTER, null,
            "Short-term memory operations by operation", "", MemoryLabels.OPERATION),
    /** Counter {@code memory.long.term.episodes.stored}: episodes written to long-term memory. */
    EPISODES_STORED("memory.long.term.episodes.stored", Meter.Type.COUNTER, null,
            "Episodes written to long-term memory", ""),
    /** Counter {@code memory.long.term.semantic.memories}: semantic memories written to long-term memory. */
    SEMANTIC_MEMORIES("memory.long.term.semantic.memories", Meter.Type.COUNTER, null,
            "Semantic memories written to long-term memory (usually by consolidation)", ""),
    /** Counter {@code memory.consolidation.runs}: consolidation runs, by outcome. */
    CONSOLIDATION_RUNS("memory.consolidation.runs", Meter.Type.COUNTER, null,
            "Memory consolidation runs by outcome",
            "seed has no label; status added so that failing runs are visible (sum() gives the seed's series)",
            MemoryLabels.STATUS),
    /** Timer {@code memory.consolidation.duration}: time one consolidation run took. */
    CONSOLIDATION_DURATION("memory.consolidation.duration", Meter.Type.TIMER, null,
            "Time one memory consolidation run took, failures included", ""),
    /** Counter {@code rag.queries}: agentic RAG queries. */
    RAG_QUERIES("rag.queries", Meter.Type.COUNTER, null, "Agentic RAG queries", ""),
    /** Timer {@code rag.retrieval.duration}: time one RAG retrieval took. */
    RAG_RETRIEVAL_DURATION("rag.retrieval.duration", Meter.Type.TIMER, null,
            "Time one RAG retrieval took, failures included", ""),
    /** Counter {@code rag.reasoning.steps}: reasoning steps, by step. */
    RAG_REASONING_STEPS("rag.reasoning.steps", Meter.Type.COUNTER, null, "Agentic RAG reasoning steps by step", "",
            MemoryLabels.STEP),
    /** Summary {@code rag.accuracy.score}: accuracy of RAG answers, in whole percent. */
    RAG_ACCURACY("rag.accuracy.score", Meter.Type.DISTRIBUTION_SUMMARY, "percent",
            "Accuracy score of RAG answers (recorded as 0..1), in whole percent",
            "seed: rag_accuracy_score (0..1); exposed in percent because Micrometer rounds summary values up to"
                    + " whole numbers before bucketing, which would put every 0..1 score in le=\"1\"; divide by 100"
                    + " for the seed's scale"),
    /** Counter {@code rag.learning.events}: feedback events the RAG system learned from. */
    RAG_LEARNING_EVENTS("rag.learning.events", Meter.Type.COUNTER, null,
            "Feedback events the RAG system learned from", "");

    private final MeterSpec spec;

    MemoryMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
