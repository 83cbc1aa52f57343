package io.escalation.obs.benchmarks;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.micrometer.core.instrument.Timer;
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
    private final AppErrors.OfType[] errorTypes = new AppErrors.OfType[BenchInputs.SERIES];
    private final OperationTimers timers = OperationTimers.create(obs);
    private final Timer[][] operationTimers = new Timer[BenchInputs.SERIES][];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            // admit every label value before measuring: the benchmarks time the known-value path
            errors.record(BenchInputs.ERROR_TYPES[i], ErrorSeverity.ERROR);
            errorTypes[i] = errors.ofType(BenchInputs.ERROR_TYPES[i]);
            timers.record(BenchInputs.OPERATIONS[i], OperationTimers.Outcome.SUCCESS, 0L);
            operationTimers[i] = timers.ofOperation(BenchInputs.OPERATIONS[i]);
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
    }

    /**
     * A guarded counter as hot paths use it: the error type passed the label guard once
     * ({@code AppErrors.ofType}), each call indexes by severity and increments. Eight types, as
     * {@link RawMicrometer#counterIncrement} has eight counters.
     */
    @Benchmark
    public void guardedCounter() {
        errorTypes[next++ & MASK].record(ErrorSeverity.ERROR);
    }

    /**
     * {@code AppErrors.record(type, severity)} with the type looked up in the guard on every call
     * (a lock-free table probe), over the same eight types.
     */
    @Benchmark
    public void guardedCounterByName() {
        errors.record(BenchInputs.ERROR_TYPES[next++ & MASK], ErrorSeverity.ERROR);
    }

    /**
     * The reference guarded timer ({@link OperationTimers}) with its operation resolved once, over the
     * eight series of {@link RawMicrometer#timerRecord}: an array index and the timer record.
     */
    @Benchmark
    public void guardedTimer() {
        int i = next++;
        operationTimers[i & MASK][OperationTimers.Outcome.SUCCESS.ordinal()].record(
                BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK], TimeUnit.NANOSECONDS);
    }

    /** The reference guarded timer looking the operation up in the guard on every call. */
    @Benchmark
    public void guardedTimerByName() {
        int i = next++;
        timers.record(
                BenchInputs.OPERATIONS[i & MASK],
                OperationTimers.Outcome.SUCCESS,
                BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }

    static Observability newObservability() {
        // no JVM probes: their background thread would add noise to a 2-core machine
        return Observability.builder()
                .serviceName(SERVICE)
                .environment(ENVIRONMENT)
                .jvmMetrics(false)
                .build();
    }
}
