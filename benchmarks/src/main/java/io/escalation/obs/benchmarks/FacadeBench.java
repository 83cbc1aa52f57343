package io.escalation.obs.benchmarks;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
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
 * Facade hot paths with every label value already admitted: what a service pays per recording call.
 * Compared with {@link RawMicrometer#counterIncrement} and {@link RawMicrometer#timerRecord}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacadeBench {

    static final String SERVICE = "benchmarks";
    static final String ENVIRONMENT = "bench";

    private static final int MASK = BenchInputs.SERIES - 1;

    private final Observability obs = newObservability();
    private final AppErrors errors = AppErrors.create(obs);
    private final OperationTimers timers = OperationTimers.create(obs);
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            // admit every label value before measuring: the benchmarks time the known-value path
            errors.record(BenchInputs.ERROR_TYPES[i], ErrorSeverity.ERROR);
            timers.record(BenchInputs.OPERATIONS[i], OperationTimers.Outcome.SUCCESS, 0L);
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
    }

    /** {@code AppErrors.record(type, severity)} over the eight types of {@link RawMicrometer#counterIncrement}. */
    @Benchmark
    public void guardedCounter() {
        errors.record(BenchInputs.ERROR_TYPES[next++ & MASK], ErrorSeverity.ERROR);
    }

    /** The reference guarded timer ({@link OperationTimers}) over the eight series of {@link RawMicrometer#timerRecord}. */
    @Benchmark
    public void guardedTimer() {
        int i = next++;
        timers.record(BenchInputs.OPERATIONS[i & MASK], OperationTimers.Outcome.SUCCESS,
                BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }

    static Observability newObservability() {
        // no JVM probes: their background thread would add noise to a 2-core machine
        return Observability.builder().serviceName(SERVICE).environment(ENVIRONMENT).jvmMetrics(false).build();
    }
}
