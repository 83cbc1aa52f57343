package io.escalation.obs.memory;

import static io.escalation.obs.test.ObsAssertions.assertThat;
import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.trace.StatusCode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryRagMetricsTest {

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void embeddings() {
        EmbeddingMetrics embeddings = EmbeddingMetrics.create(test.obs());
        embeddings.cacheHit();
        embeddings.cacheHit();
        embeddings.cacheHit();
        embeddings.cacheMiss();
        embeddings.recordGenerated(16, TimeUnit.MILLISECONDS.toNanos(80));

        assertThatScrape(test)
                // the one exact exposition line of this module's tests: label order, common tags, value format
                .hasLine("embeddings_generated_total{environment=\"test\",service=\"test-service\"} 16.0")
                .hasSample("embeddings_cache_hits_total", 3)
                .hasSample("embeddings_cache_misses_total", 1)
                .hasSample("embeddings_generation_duration_seconds_bucket", 0, "le", "0.075")
                .hasSample("embeddings_generation_duration_seconds_bucket", 1, "le", "0.1")
                .hasSample("embeddings_generation_duration_seconds_sum", 0.08)
                .hasNoInstrumentationErrors();
    }

    @Test
    void qdrantSearchesAndResultsPerSearchHistogram() {
        QdrantMetrics qdrant = QdrantMetrics.create(test.obs());
        qdrant.recordVectorsStored(250);
        qdrant.recordSearch(TimeUnit.MICROSECONDS.toNanos(4_200), 0);
        qdrant.recordSearch(TimeUnit.MILLISECONDS.toNanos(30), 8);
        qdrant.recordSearch(TimeUnit.MILLISECONDS.toNanos(40), 10);

        assertThatScrape(test)
                .hasSample("qdrant_vectors_stored_total", 250)
                .hasSample("qdrant_search_requests_total", 3)
                .hasSample("qdrant_search_duration_seconds_bucket", 1, "le", "0.005")
                .hasSample("qdrant_search_duration_seconds_bucket", 1, "le", "0.025")
                .hasSample("qdrant_search_duration_seconds_bucket", 3, "le", "0.05")
                .hasSample("qdrant_search_results_bucket", 1, "le", "1.0")
                .hasSample("qdrant_search_results_bucket", 1, "le", "5.0")
                .hasSample("qdrant_search_results_bucket", 3, "le", "10.0")
                .hasSample("qdrant_search_results_count", 3)
                .hasSample("qdrant_search_results_sum", 18);
    }

    @Test
    void qdrantCollectionGaugesAreReadAtScrapeTime() {
        AtomicLong vectors = new AtomicLong(1_000);
        List<String> collections = List.of("customer_interactions", "call_summaries");
        QdrantMetrics.create(test.obs())
                .registerCollection("customer_interactions", vectors, AtomicLong::get)
                .registerCollections(collections, List::size)
                .registerMemoryUsage(vectors, v -> 2_048);
        vectors.set(1_500);

        assertThatScrape(test)
                .hasSample("qdrant_collection_vectors", 1500, "collection", "customer_interactions")
                .hasSample("qdrant_collections", 2)
                .hasSample("qdrant_memory_usage_bytes", 2048);
    }

    @Test
    void collectionNamesAreCheckedAtRegistration() {
        QdrantMetrics qdrant = QdrantMetrics.create(test.obs());
        AtomicLong source = new AtomicLong();
        assertThatThrownBy(() -> qdrant.registerCollection("customer jane.doe@example.com", source, AtomicLong::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e.g. \"customer_interactions\"");
        assertThatThrownBy(() -> qdrant.registerCollection("415-555-2671", source, AtomicLong::get))
                .hasMessageContaining("without personal data");
        assertThatThrownBy(() -> qdrant.registerCollection("a\r\nb", source, AtomicLong::get))
                .isInstanceOf(IllegalArgumentException.class);
        qdrant.registerCollection("memories", source, AtomicLong::get);
        assertThatThrownBy(() -> qdrant.registerCollection("memories", source, AtomicLong::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already registered");
    }

    @Test
    void shortAndLongTermMemory() {
        AtomicLong sessions = new AtomicLong(42);
        MemoryMetrics memory = MemoryMetrics.create(test.obs()).registerActiveSessions(sessions, AtomicLong::get);
        memory.recordShortTerm(ShortTermOperation.GET);
        memory.recordShortTerm(ShortTermOperation.GET);
        memory.recordShortTerm(ShortTermOperation.SET);
        memory.recordEpisodeStored();
        memory.recordSemanticMemories(7);
        memory.recordConsolidation(Outcome.SUCCESS, TimeUnit.SECONDS.toNanos(20));

        assertThatScrape(test)
                .hasSample("memory_short_term_sessions_active", 42)
                .hasSample("memory_short_term_operations_total", 2, "operation", "get")
                .hasSample("memory_short_term_operations_total", 1, "operation", "set")
                .hasSample("memory_short_term_operations_total", 0, "operation", "delete")
                .hasSample("memory_long_term_episodes_stored_total", 1)
                .hasSample("memory_long_term_semantic_memories_total", 7)
                .hasSample("memory_consolidation_runs_total", 1, "status", "success")
                .hasSample("memory_consolidation_duration_seconds_bucket", 0, "le", "10.0")
                .hasSample("memory_consolidation_duration_seconds_bucket", 1, "le", "30.0");
    }

    @Test
    void consolidationRunsInASpanAndCountsFailures() {
        MemoryMetrics memory = MemoryMetrics.create(test.obs());
        int created = memory.consolidate(() -> 3);
        assertThatThrownBy(() -> memory.consolidate(() -> {
                    throw new IOException("pg down for jane.doe@example.com");
                }))
                .isInstanceOf(IOException.class);

        assertThat(created).isEqualTo(3);
        assertThat(test.spans()).hasSize(2);
        assertThat(test.spans().get(0)).hasName("memory.consolidation");
        assertThat(test.spans().get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(test.spans().get(1).getStatus().getDescription()).doesNotContain("jane.doe");
        assertThatScrape(test)
                .hasSample("memory_consolidation_runs_total", 1, "status", "success")
                .hasSample("memory_consolidation_runs_total", 1, "status", "error")
                .hasSample("memory_consolidation_duration_seconds_count", 2);
    }

    @Test
    void agenticRag() {
        RagMetrics rag = RagMetrics.create(test.obs());
        rag.recordQuery();
        rag.recordStep(RagStep.QUERY_UNDERSTANDING);
        rag.recordStep(RagStep.RETRIEVAL);
        rag.recordStep(RagStep.RETRIEVAL);
        rag.recordStep(RagStep.SYNTHESIS);
        rag.recordRetrieval(TimeUnit.MILLISECONDS.toNanos(120));
        rag.recordAccuracy(0.9);
        rag.recordAccuracy(0.55);
        rag.recordLearningEvent();

        assertThatScrape(test)
                .hasSample("rag_queries_total", 1)
                .hasSample("rag_reasoning_steps_total", 1, "step", "query_understanding")
                .hasSample("rag_reasoning_steps_total", 2, "step", "retrieval")
                .hasSample("rag_reasoning_steps_total", 1, "step", "synthesis")
                .hasSample("rag_reasoning_steps_total", 0, "step", "reranking")
                .hasSample("rag_retrieval_duration_seconds_bucket", 0, "le", "0.1")
                .hasSample("rag_retrieval_duration_seconds_bucket", 1, "le", "0.25")
                .hasSample("rag_accuracy_score_percent_bucket", 0, "le", "50.0")
                .hasSample("rag_accuracy_score_percent_bucket", 1, "le", "60.0")
                .hasSample("rag_accuracy_score_percent_bucket", 2, "le", "90.0")
                .hasSample("rag_accuracy_score_percent_sum", 145)
                .hasSample("rag_learning_events_total", 1);
    }

    @Test
    void retrievalRunsInASpan() throws Exception {
        RagMetrics rag = RagMetrics.create(test.obs());
        List<String> docs = rag.retrieve(() -> List.of("a", "b"));
        assertThatThrownBy(() -> rag.retrieve(() -> {
                    throw new IllegalStateException("qdrant timeout");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(docs).containsExactly("a", "b");
        assertThat(test.spans()).extracting(s -> s.getName()).containsExactly("rag.retrieval", "rag.retrieval");
        assertThatScrape(test).hasSample("rag_retrieval_duration_seconds_count", 2);
    }

    @Test
    void badInputIsDroppedOrClampedAndCounted() {
        EmbeddingMetrics embeddings = EmbeddingMetrics.create(test.obs());
        QdrantMetrics qdrant = QdrantMetrics.create(test.obs());
        MemoryMetrics memory = MemoryMetrics.create(test.obs());
        RagMetrics rag = RagMetrics.create(test.obs());
        embeddings.recordGenerated(-1, -1);
        qdrant.recordVectorsStored(-5);
        qdrant.recordSearch(Long.MAX_VALUE, -1); // counted, duration clamped to a day, results dropped
        memory.recordShortTerm(null);
        memory.recordSemanticMemories(-2);
        memory.recordConsolidation(null, 5);
        rag.recordStep(null);
        rag.recordAccuracy(Double.NaN);
        rag.recordAccuracy(-0.5);
        rag.recordAccuracy(3.0); // clamped to 100 %
        rag.recordRetrieval(-9);

        assertThatScrape(test)
                .hasSample("qdrant_search_requests_total", 1)
                .hasSample("qdrant_search_duration_seconds_sum", 86400)
                .hasSample("qdrant_search_results_count", 0)
                .hasSample("rag_accuracy_score_percent_sum", 100)
                .hasInstrumentationErrors("embeddings_generated_total", "negative_value", 1)
                .hasInstrumentationErrors("embeddings_generation_duration_seconds", "negative_value", 1)
                .hasInstrumentationErrors("qdrant_vectors_stored_total", "negative_value", 1)
                .hasInstrumentationErrors("qdrant_search_duration_seconds", "value_too_large", 1)
                .hasInstrumentationErrors("qdrant_search_results", "negative_value", 1)
                .hasInstrumentationErrors("memory_short_term_operations_total", "null_value", 1)
                .hasInstrumentationErrors("memory_long_term_semantic_memories_total", "negative_value", 1)
                .hasInstrumentationErrors("memory_consolidation_runs_total", "null_value", 1)
                .hasInstrumentationErrors("rag_reasoning_steps_total", "null_value", 1)
                .hasInstrumentationErrors("rag_accuracy_score_percent", "not_a_number", 1)
                .hasInstrumentationErrors("rag_accuracy_score_percent", "negative_value", 1)
                .hasInstrumentationErrors("rag_accuracy_score_percent", "value_too_large", 1)
                .hasInstrumentationErrors("rag_retrieval_duration_seconds", "negative_value", 1);
    }
}
