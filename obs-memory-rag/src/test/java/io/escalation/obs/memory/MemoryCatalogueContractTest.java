package io.escalation.obs.memory;

import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * obs-memory-rag's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class MemoryCatalogueContractTest extends CatalogueContract {

    /** Gauge sources are held weakly by Micrometer: keep them for the scrape. */
    private static final AtomicLong VECTORS = new AtomicLong(12_500);

    private static final List<String> COLLECTIONS = List.of("customer_interactions", "call_summaries");
    private static final AtomicLong SESSIONS = new AtomicLong(17);

    /** Public for {@link java.util.ServiceLoader}. */
    public MemoryCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-memory-rag";
    }

    @Override
    public void exercise(Observability obs) {
        EmbeddingMetrics embeddings = EmbeddingMetrics.create(obs);
        embeddings.cacheHit();
        embeddings.cacheMiss();
        embeddings.recordGenerated(4, 35_000_000L);
        QdrantMetrics.create(obs)
                .registerCollection("customer_interactions", VECTORS, AtomicLong::get)
                .registerCollections(COLLECTIONS, List::size)
                .registerMemoryUsage(VECTORS, v -> v.get() * 6_144.0)
                .recordSearch(8_000_000L, 10);
        MemoryMetrics memory = MemoryMetrics.create(obs).registerActiveSessions(SESSIONS, AtomicLong::get);
        memory.recordShortTerm(ShortTermOperation.GET);
        memory.recordEpisodeStored();
        memory.recordSemanticMemories(memory.consolidate(() -> 3));
        RagMetrics rag = RagMetrics.create(obs);
        rag.recordQuery();
        rag.recordStep(RagStep.QUERY_UNDERSTANDING);
        rag.retrieve(() -> 2);
        rag.recordAccuracy(0.85);
        rag.recordLearningEvent();
        QdrantMetrics.create(obs).recordVectorsStored(4);
    }
}
