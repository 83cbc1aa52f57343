package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.memory.QdrantMetrics;
import io.escalation.obs.memory.RagMetrics;
import io.escalation.obs.memory.RagStep;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** obs-memory-rag hot paths, rotating over {@value BenchInputs#SERIES} series or values like the baselines. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MemoryRagBench {

    private static final int MASK = BenchInputs.SERIES - 1;
    private static final RagStep[] STEPS = RagStep.values(); // eight steps

    private final Observability obs = FacadeBench.newObservability();
    private final RagMetrics rag = RagMetrics.create(obs);
    private final QdrantMetrics qdrant = QdrantMetrics.create(obs);
    private int next;

    @TearDown
    public void tearDown() {
        obs.close();
    }

    /** {@code rag_reasoning_steps_total{step}} over its eight steps: compared with {@link RawMicrometer#counterIncrement}. */
    @Benchmark
    public void reasoningStep() {
        rag.recordStep(STEPS[next++ & MASK]);
    }

    /** {@code rag_retrieval_duration_seconds}: one timer with the latency buckets, compared with {@link RawMicrometer#timerRecord}. */
    @Benchmark
    public void retrieval() {
        rag.recordRetrieval(BenchInputs.DURATIONS_NANOS[next++ & MASK]);
    }

    /** One Qdrant search: the search counter, the duration timer and the results histogram. */
    @Benchmark
    public void qdrantSearch() {
        int i = next++;
        qdrant.recordSearch(BenchInputs.DURATIONS_NANOS[i & MASK], i & 15);
    }
}
