package io.escalation.obs.memory;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.TestObservability;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating a facade twice on one Observability gives the same facade: nothing recorded is lost. */
class CreateTwiceTest {

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void aCollectionRegisteredThroughBothFailsFastInsteadOfShowingTheFirstCount() {
        AtomicLong vectors = new AtomicLong(100);
        AtomicLong otherVectors = new AtomicLong(900);
        QdrantMetrics first =
                QdrantMetrics.create(test.obs()).registerCollection("customer_interactions", vectors, AtomicLong::get);
        QdrantMetrics second = QdrantMetrics.create(test.obs());

        assertThatThrownBy(() -> second.registerCollection("customer_interactions", otherVectors, AtomicLong::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Qdrant collection 'customer_interactions' is already registered");
        second.recordVectorsStored(5);
        first.recordVectorsStored(5);
        assertThatScrape(test)
                .hasSample("qdrant_collection_vectors", 100, "collection", "customer_interactions")
                .hasSample("qdrant_vectors_stored_total", 10);
        assertThat(second).isSameAs(first);
    }

    @Test
    void embeddingsMemoryAndRagThroughBothAddUp() {
        EmbeddingMetrics embeddings = EmbeddingMetrics.create(test.obs());
        MemoryMetrics memory = MemoryMetrics.create(test.obs());
        RagMetrics rag = RagMetrics.create(test.obs());
        embeddings.cacheHit();
        memory.recordEpisodeStored();
        rag.recordQuery();
        EmbeddingMetrics.create(test.obs()).cacheHit();
        MemoryMetrics.create(test.obs()).recordEpisodeStored();
        RagMetrics.create(test.obs()).recordQuery();

        assertThat(EmbeddingMetrics.create(test.obs())).isSameAs(embeddings);
        assertThat(MemoryMetrics.create(test.obs())).isSameAs(memory);
        assertThat(RagMetrics.create(test.obs())).isSameAs(rag);
        assertThatScrape(test)
                .hasSample("embeddings_cache_hits_total", 2)
                .hasSample("memory_long_term_episodes_stored_total", 2)
                .hasSample("rag_queries_total", 2);
    }
}
