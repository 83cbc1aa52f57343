package io.escalation.obs.memory;

import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;
import java.util.concurrent.TimeUnit;

/**
 * obs-memory-rag's metrics and their labels, one declaration each, in catalogue order. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class MemoryCatalogue extends ModuleCatalogue {

    /** Label {@code collection}: the Qdrant collection of {@code qdrant_collection_vectors}. */
    public static final Label COLLECTION = Label.closed(
            "collection", "Qdrant collection name given when its gauge was registered, e.g. customer_interactions");
    /** Label {@code operation}: the short-term memory operation: get, set, delete, expire, append. */
    public static final Label OPERATION = Label.of("operation", ShortTermOperation.class);
    /** Label {@code status}: the outcome of a consolidation run: success or error. */
    public static final Label STATUS = Label.of("status", Outcome.class);
    /** Label {@code step}: the step of the agentic RAG loop. */
    public static final Label STEP = Label.of("step", RagStep.class);

    /** {@code embeddings_generated_total}: embeddings generated. */
    public static final Metric EMBEDDINGS_GENERATED =
            Metric.counter("embeddings.generated").help("Embeddings generated").build();
    /** {@code embeddings_cache_hits_total}: embedding lookups answered from the cache. */
    public static final Metric EMBEDDING_CACHE_HITS = Metric.counter("embeddings.cache.hits")
            .help("Embedding lookups answered from the cache")
            .build();
    /** {@code embeddings_cache_misses_total}: embedding lookups that had to generate. */
    public static final Metric EMBEDDING_CACHE_MISSES = Metric.counter("embeddings.cache.misses")
            .help("Embedding lookups that had to generate")
            .build();
    /** {@code embeddings_generation_duration_seconds}: time one embedding call took. */
    public static final Metric EMBEDDING_DURATION = Metric.timer("embeddings.generation.duration")
            .help("Time one embedding call took (a batch counts once)")
            .buckets(Buckets.latency())
            .build();
    /** {@code qdrant_vectors_stored_total}: vectors upserted into Qdrant. */
    public static final Metric QDRANT_VECTORS_STORED = Metric.counter("qdrant.vectors.stored")
            .help("Vectors the service upserted into Qdrant")
            .build();
    /** {@code qdrant_search_requests_total}: Qdrant searches. */
    public static final Metric QDRANT_SEARCHES =
            Metric.counter("qdrant.search.requests").help("Qdrant searches").build();
    /** {@code qdrant_search_duration_seconds}: time one Qdrant search took. */
    public static final Metric QDRANT_SEARCH_DURATION = Metric.timer("qdrant.search.duration")
            .help("Time one Qdrant search took")
            .buckets(Buckets.millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000))
            .build();
    /** {@code qdrant_search_results}: points one Qdrant search returned. */
    public static final Metric QDRANT_SEARCH_RESULTS = Metric.summary("qdrant.search.results")
            .help("Points one Qdrant search returned")
            .buckets(1, 2, 3, 5, 10, 20, 50, 100, 250, 1_000)
            .compatibility(
                    "reference architecture: qdrant_search_results_count{quantile=\"0.95\"}; a histogram (a gauge or summary named *_count"
                            + " clashes with histogram series and promtool): the 95th percentile is"
                            + " histogram_quantile(0.95, sum by (le) (rate(qdrant_search_results_bucket[5m])))")
            .build();
    /** {@code qdrant_collection_vectors}: vectors in a Qdrant collection, by collection. */
    public static final Metric QDRANT_COLLECTION_VECTORS = Metric.gauge("qdrant.collection.vectors")
            .help("Vectors in a Qdrant collection, as the service reads them from Qdrant")
            .labels(COLLECTION)
            .compatibility(
                    "reference architecture: qdrant_vectors_total{collection}; a gauge must not end in _total (that suffix means a counter)")
            .build();
    /** {@code qdrant_collections}: collections in Qdrant. */
    public static final Metric QDRANT_COLLECTIONS = Metric.gauge("qdrant.collections")
            .help("Collections in Qdrant")
            .compatibility("reference architecture: qdrant_collections_total; a gauge must not end in _total")
            .build();
    /** {@code qdrant_memory_usage_bytes}: memory Qdrant reports using, in bytes. */
    public static final Metric QDRANT_MEMORY = Metric.gauge("qdrant.memory.usage")
            .unit("bytes")
            .help("Memory Qdrant reports using")
            .build();
    /** {@code memory_short_term_sessions_active}: sessions held in short-term memory. */
    public static final Metric SESSIONS_ACTIVE = Metric.gauge("memory.short.term.sessions.active")
            .help("Conversation sessions held in short-term memory (Redis)")
            .build();
    /** {@code memory_short_term_operations_total}: short-term memory operations, by operation. */
    public static final Metric SHORT_TERM_OPERATIONS = Metric.counter("memory.short.term.operations")
            .help("Short-term memory operations by operation")
            .labels(OPERATION)
            .build();
    /** {@code memory_long_term_episodes_stored_total}: episodes written to long-term memory. */
    public static final Metric EPISODES_STORED = Metric.counter("memory.long.term.episodes.stored")
            .help("Episodes written to long-term memory")
            .build();
    /** {@code memory_long_term_semantic_memories_total}: semantic memories written to long-term memory. */
    public static final Metric SEMANTIC_MEMORIES = Metric.counter("memory.long.term.semantic.memories")
            .help("Semantic memories written to long-term memory (usually by consolidation)")
            .build();
    /** {@code memory_consolidation_runs_total}: consolidation runs, by outcome. */
    public static final Metric CONSOLIDATION_RUNS = Metric.counter("memory.consolidation.runs")
            .help("Memory consolidation runs by outcome")
            .labels(STATUS)
            .compatibility(
                    "the reference architecture's has no label; status added so that failing runs are visible (sum() gives the reference architecture's series)")
            .build();
    /** {@code memory_consolidation_duration_seconds}: time one consolidation run took. */
    public static final Metric CONSOLIDATION_DURATION = Metric.timer("memory.consolidation.duration")
            .help("Time one memory consolidation run took, failures included")
            .buckets(Buckets.millis(
                    100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000))
            .build();
    /** {@code rag_queries_total}: agentic RAG queries. */
    public static final Metric RAG_QUERIES =
            Metric.counter("rag.queries").help("Agentic RAG queries").build();
    /** {@code rag_retrieval_duration_seconds}: time one RAG retrieval took. */
    public static final Metric RAG_RETRIEVAL_DURATION = Metric.timer("rag.retrieval.duration")
            .help("Time one RAG retrieval took, failures included")
            .buckets(Buckets.latency())
            .build();
    /** {@code rag_reasoning_steps_total}: reasoning steps, by step. */
    public static final Metric RAG_REASONING_STEPS = Metric.counter("rag.reasoning.steps")
            .help("Agentic RAG reasoning steps by step")
            .labels(STEP)
            .build();
    /** {@code rag_accuracy_score_percent}: accuracy of RAG answers, in whole percent. */
    public static final Metric RAG_ACCURACY = Metric.summary("rag.accuracy.score")
            .unit("percent")
            .help("Accuracy score of RAG answers (recorded as 0..1), in whole percent")
            .buckets(10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100)
            .compatibility(
                    "reference architecture: rag_accuracy_score (0..1); exposed in percent because Micrometer rounds summary values up to"
                            + " whole numbers before bucketing, which would put every 0..1 score in le=\"1\"; divide by 100"
                            + " for the reference architecture's scale")
            .build();
    /** {@code rag_learning_events_total}: feedback events the RAG system learned from. */
    public static final Metric RAG_LEARNING_EVENTS = Metric.counter("rag.learning.events")
            .help("Feedback events the RAG system learned from")
            .build();

    /** Durations above a day are clamped: nothing here takes that long, a bad clock does. */
    static final long MAX_NANOS = TimeUnit.DAYS.toNanos(1);

    /** Public for {@link java.util.ServiceLoader}. */
    public MemoryCatalogue() {
        super("obs-memory-rag");
    }
}
