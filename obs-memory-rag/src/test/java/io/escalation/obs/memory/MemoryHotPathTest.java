package io.escalation.obs.memory;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.test.TestObservability;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Zero-allocation hot paths, exact totals under contention, and the catalogue's names and vocabularies. */
class MemoryHotPathTest {

    private static final int CALLS = 200_000;
    private static final RagStep[] STEPS = RagStep.values();
    private static final ShortTermOperation[] OPERATIONS = ShortTermOperation.values();

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void recordingAllocatesNothing() {
        EmbeddingMetrics embeddings = EmbeddingMetrics.create(test.obs());
        QdrantMetrics qdrant = QdrantMetrics.create(test.obs());
        MemoryMetrics memory = MemoryMetrics.create(test.obs());
        RagMetrics rag = RagMetrics.create(test.obs());
        int[] next = {0};
        Runnable call = () -> {
            int i = next[0]++;
            rag.recordStep(STEPS[i & 7]);
            rag.recordRetrieval(1_000L * i);
            rag.recordAccuracy((i & 7) / 8.0);
            memory.recordShortTerm(OPERATIONS[i % OPERATIONS.length]);
            memory.recordConsolidation(Outcome.SUCCESS, 1_000L * i);
            qdrant.recordSearch(1_000L * i, i & 15);
            embeddings.recordGenerated(1, 1_000L * i);
            embeddings.cacheHit();
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void eightThreadsGiveExactTotals() throws Exception {
        RagMetrics rag = RagMetrics.create(test.obs());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 100_000; i++) {
                    rag.recordStep(STEPS[i & 7]);
                    rag.recordQuery();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThatScrape(test)
                .hasSample("rag_queries_total", 800_000)
                .hasSample("rag_reasoning_steps_total", 100_000, "step", "reranking");
    }

    @Test
    void catalogueNamesAndVocabularies() {
        assertThat(new MemoryCatalogue().meters().stream().map(ObsMeter::prometheusName))
                .containsExactly(
                        "embeddings_generated_total",
                        "embeddings_cache_hits_total",
                        "embeddings_cache_misses_total",
                        "embeddings_generation_duration_seconds",
                        "qdrant_vectors_stored_total",
                        "qdrant_search_requests_total",
                        "qdrant_search_duration_seconds",
                        "qdrant_search_results",
                        "qdrant_collection_vectors",
                        "qdrant_collections",
                        "qdrant_memory_usage_bytes",
                        "memory_short_term_sessions_active",
                        "memory_short_term_operations_total",
                        "memory_long_term_episodes_stored_total",
                        "memory_long_term_semantic_memories_total",
                        "memory_consolidation_runs_total",
                        "memory_consolidation_duration_seconds",
                        "rag_queries_total",
                        "rag_retrieval_duration_seconds",
                        "rag_reasoning_steps_total",
                        "rag_accuracy_score_percent",
                        "rag_learning_events_total");
        assertThat(MemoryCatalogue.STEP.vocabulary())
                .isEqualTo("query_understanding, planning, query_rewriting,"
                        + " retrieval, reranking, reflection, synthesis, verification");
        assertThat(MemoryCatalogue.OPERATION.vocabulary()).isEqualTo("get, set, delete, expire, append");
        assertThat(MemoryCatalogue.STATUS.vocabulary()).isEqualTo("success, error");
        assertThat(MeterCatalogue.discover()).extracting(MeterCatalogue::module).contains("obs-memory-rag");
    }

    private static double bytesPerCall(Runnable call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return (double) (threads.getThreadAllocatedBytes(id) - before) / CALLS;
    }
}
