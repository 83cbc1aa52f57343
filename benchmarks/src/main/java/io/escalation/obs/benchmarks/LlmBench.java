package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.llm.LlmErrorReason;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.llm.LlmModel;
import io.escalation.obs.llm.LlmProvider;
import io.escalation.obs.llm.LlmStatus;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * obs-llm hot paths with every model admitted and priced, rotating over {@value BenchInputs#SERIES}
 * series as the {@link RawMicrometer} baselines do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LlmBench {

    private static final int MASK = BenchInputs.SERIES - 1;
    /** Eight models of the bundled price table. */
    static final String[] MODELS = {
        "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o3-mini", "o4-mini"
    };
    /** Eight retry reasons: the enum-labelled counter benchmark's series. */
    private static final LlmErrorReason[] REASONS = {
        LlmErrorReason.RATE_LIMIT,
        LlmErrorReason.TIMEOUT,
        LlmErrorReason.SERVER_ERROR,
        LlmErrorReason.OVERLOADED,
        LlmErrorReason.CONNECTION,
        LlmErrorReason.INVALID_REQUEST,
        LlmErrorReason.CONTENT_FILTER,
        LlmErrorReason.INVALID_RESPONSE
    };

    private final Observability obs = FacadeBench.newObservability();
    private final LlmMetrics llm = LlmMetrics.create(obs);
    private final LlmModel[] models = new LlmModel[BenchInputs.SERIES];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            models[i] = llm.model(LlmProvider.OPENAI, MODELS[i]);
            models[i].recordUsage(1, 1, 1, 1);
            models[i].recordTimeToFirstToken(1);
            llm.recordRetry(LlmProvider.OPENAI, REASONS[i]);
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
    }

    /** {@code llm_retry_total{provider,reason}}: an enum-indexed counter, compared with {@link RawMicrometer#counterIncrement}. */
    @Benchmark
    public void retry() {
        llm.recordRetry(LlmProvider.OPENAI, REASONS[next++ & MASK]);
    }

    /** Time to first token on a pre-resolved model: a timer, compared with {@link RawMicrometer#timerRecord}. */
    @Benchmark
    public void timeToFirstToken() {
        int i = next++;
        models[i & MASK].recordTimeToFirstToken(BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }

    /** One request's usage on a pre-resolved model: four token counters, the per-request histogram and the exact cost. */
    @Benchmark
    public void usage() {
        models[next++ & MASK].recordUsage(1_200, 350, 400, 50);
    }

    /** The same usage with the model looked up in the guard and the price table on every call. */
    @Benchmark
    public void usageByName() {
        llm.recordUsage(LlmProvider.OPENAI, MODELS[next++ & MASK], 1_200, 350, 400, 50);
    }

    /** One finished request on a pre-resolved model: the status counter and the duration timer. */
    @Benchmark
    public void request() {
        int i = next++;
        models[i & MASK].recordRequest(LlmStatus.SUCCESS, BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }
}
