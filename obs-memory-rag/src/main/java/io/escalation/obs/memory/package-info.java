/**
 * Memory and RAG observability: {@link io.escalation.obs.memory.EmbeddingMetrics},
 * {@link io.escalation.obs.memory.QdrantMetrics}, {@link io.escalation.obs.memory.MemoryMetrics}
 * (short-term, long-term, consolidation) and {@link io.escalation.obs.memory.RagMetrics}.
 */
@NullMarked
package io.escalation.obs.memory;

import org.jspecify.annotations.NullMarked;
