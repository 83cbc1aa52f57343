package io.escalation.obs.memory;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.trace.SpanBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The seed's agentic RAG metrics: queries, retrieval duration (each retrieval optionally in a
 * {@code rag.retrieval} span), reasoning steps by {@link RagStep}, answer accuracy and learning events.
 *
 * <pre>{@code
 * RagMetrics rag = RagMetrics.create(obs);
 * rag.recordQuery();
 * rag.recordStep(RagStep.QUERY_UNDERSTANDING);
 * List<Doc> docs = rag.retrieve(() -> retriever.search(query));   // span + rag_retrieval_duration_seconds
 * rag.recordStep(RagStep.SYNTHESIS);
 * rag.recordAccuracy(evaluator.score(answer));                    // 0..1
 * }</pre>
 *
 * <p>Recording methods never throw and allocate nothing; bad input is dropped and counted.
 */
public final class RagMetrics {

    private static final RagStep[] STEPS = RagStep.values();

    private final Observability obs;
    private final Faults faults;
    private final Counter queries;
    private final Timer retrieval;
    private final Counter[] steps = new Counter[STEPS.length];
    private final DistributionSummary accuracy;
    private final Counter learning;

    private RagMetrics(Observability obs) {
        this.obs = obs;
        this.faults = obs.faults();
        this.queries = MemoryMeters.RAG_QUERIES.counter().register(obs.registry());
        this.retrieval = MemoryMeters.RAG_RETRIEVAL_DURATION.timer(Buckets.latency()).register(obs.registry());
        for (RagStep step : STEPS) {
            steps[step.ordinal()] = MemoryMeters.RAG_REASONING_STEPS.counter()
                    .tag(MemoryLabels.STEP.asString(), step.label()).register(obs.registry());
        }
        this.accuracy = MemoryMeters.RAG_ACCURACY.summary(Recording.PERCENT_BUCKETS).register(obs.registry());
        this.learning = MemoryMeters.RAG_LEARNING_EVENTS.counter().register(obs.registry());
    }

    /**
     * RAG metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the RAG metrics of {@code obs}
     */
    public static RagMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(RagMetrics.class, () -> new RagMetrics(obs));
    }

    /** Counts one RAG query. */
    public void recordQuery() {
        Recording.increment(faults, MemoryMeters.RAG_QUERIES, queries);
    }

    /**
     * Records one retrieval's duration, measured by the caller.
     *
     * @param durationNanos the retrieval's duration in nanoseconds
     */
    public void recordRetrieval(long durationNanos) {
        Recording.time(faults, MemoryMeters.RAG_RETRIEVAL_DURATION, retrieval, durationNanos);
    }

    /**
     * Runs one retrieval in a {@code rag.retrieval} span and records its duration, failures included
     * (the exception is rethrown as is).
     *
     * @param <T> the result type
     * @param <E> the exception {@code body} may throw
     * @param body the retrieval
     * @return what {@code body} returned
     * @throws E when {@code body} throws it
     */
    public <T, E extends Throwable> T retrieve(SpanBody<T, E> body) throws E {
        long start = System.nanoTime();
        try {
            return obs.spans().span("rag.retrieval").call(body);
        } finally {
            recordRetrieval(System.nanoTime() - start);
        }
    }

    /**
     * Counts one reasoning step.
     *
     * @param step the step; null is counted as a fault
     */
    public void recordStep(@Nullable RagStep step) {
        if (step == null) {
            faults.record(MemoryMeters.RAG_REASONING_STEPS, FaultReason.NULL_VALUE);
            return;
        }
        Recording.increment(faults, MemoryMeters.RAG_REASONING_STEPS, steps[step.ordinal()]);
    }

    /**
     * Records an accuracy score between 0 and 1, exposed in whole percent; above 1 is clamped.
     *
     * @param score the score, 0 to 1
     */
    public void recordAccuracy(double score) {
        Recording.score(faults, MemoryMeters.RAG_ACCURACY, accuracy, score);
    }

    /** Counts one learning event (feedback the system learned from). */
    public void recordLearningEvent() {
        Recording.increment(faults, MemoryMeters.RAG_LEARNING_EVENTS, learning);
    }
}
