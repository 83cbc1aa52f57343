package io.escalation.obs.memory;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.trace.SpanBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The reference architecture's agentic RAG metrics: queries, retrieval duration (each retrieval optionally in a
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

    private final ModuleKit kit;
    private final Faults faults;
    private final Counter queries;
    private final Timer retrieval;
    private final CounterTable<RagStep> steps;
    private final DistributionSummary accuracy;
    private final Counter learning;

    private RagMetrics(ModuleKit kit) {
        this.kit = kit;
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        this.queries = MemoryCatalogue.RAG_QUERIES.counter().register(registry);
        this.retrieval = MemoryCatalogue.RAG_RETRIEVAL_DURATION.timer().register(registry);
        this.steps = CounterTable.eager(
                faults,
                MemoryCatalogue.RAG_REASONING_STEPS,
                RagStep.class,
                step -> MemoryCatalogue.RAG_REASONING_STEPS
                        .counter()
                        .tag(MemoryCatalogue.STEP.asString(), step.label())
                        .register(registry));
        this.accuracy = MemoryCatalogue.RAG_ACCURACY.summary().register(registry);
        this.learning = MemoryCatalogue.RAG_LEARNING_EVENTS.counter().register(registry);
    }

    /**
     * RAG metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the RAG metrics of {@code obs}
     */
    public static RagMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(RagMetrics.class, () -> new RagMetrics(ModuleKit.of(obs)));
    }

    /** Counts one RAG query. */
    public void recordQuery() {
        faults.increment(MemoryCatalogue.RAG_QUERIES, queries);
    }

    /**
     * Records one retrieval's duration, measured by the caller.
     *
     * @param durationNanos the retrieval's duration in nanoseconds
     */
    public void recordRetrieval(long durationNanos) {
        faults.record(MemoryCatalogue.RAG_RETRIEVAL_DURATION, retrieval, durationNanos, MemoryCatalogue.MAX_NANOS);
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
            return kit.spans().span("rag.retrieval").call(body);
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
        steps.increment(step);
    }

    /**
     * Records an accuracy score between 0 and 1, exposed in whole percent; above 1 is clamped.
     *
     * @param score the score, 0 to 1
     */
    public void recordAccuracy(double score) {
        if (faults.rejectsAmount(MemoryCatalogue.RAG_ACCURACY, score)) {
            return;
        }
        faults.record(
                MemoryCatalogue.RAG_ACCURACY,
                accuracy,
                Math.rint(faults.clamp(MemoryCatalogue.RAG_ACCURACY, score, 1.0) * 100),
                100);
    }

    /** Counts one learning event (feedback the system learned from). */
    public void recordLearningEvent() {
        faults.increment(MemoryCatalogue.RAG_LEARNING_EVENTS, learning);
    }
}
