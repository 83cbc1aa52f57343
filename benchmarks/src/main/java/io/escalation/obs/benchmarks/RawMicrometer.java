package io.escalation.obs.benchmarks;

import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
 * Baselines: Micrometer used directly on a {@link PrometheusMeterRegistry}, with the same meter
 * names, tags, common tags and buckets as the obs facades in {@link FacadeBench}, rotating over
 * the same {@value BenchInputs#SERIES} series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RawMicrometer {

    private static final int MASK = BenchInputs.SERIES - 1;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter[] counters = new Counter[BenchInputs.SERIES];
    private final Timer[] timers = new Timer[BenchInputs.SERIES];
    private int next;

    @Setup
    public void setUp() {
        registry.config().commonTags("service", FacadeBench.SERVICE, "environment", FacadeBench.ENVIRONMENT);
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            counters[i] = Counter.builder(CoreCatalogue.APP_ERRORS.getName())
                    .description(CoreCatalogue.APP_ERRORS.getDescription())
                    .tag(CoreCatalogue.ERROR_TYPE.asString(), BenchInputs.ERROR_TYPES[i])
                    .tag(CoreCatalogue.SEVERITY.asString(), ErrorSeverity.ERROR.label())
                    .register(registry);
            timers[i] =
                    OperationTimers.latencyTimer(registry, BenchInputs.OPERATIONS[i], OperationTimers.Outcome.SUCCESS);
        }
    }

    @TearDown
    public void tearDown() {
        registry.close();
    }

    /** A pre-registered counter's {@code increment()}: the floor for {@link FacadeBench#guardedCounter}. */
    @Benchmark
    public void counterIncrement() {
        counters[next++ & MASK].increment();
    }

    /** A pre-registered SLO-bucket timer's {@code record(long, NANOSECONDS)}: the floor for {@link FacadeBench#guardedTimer}. */
    @Benchmark
    public void timerRecord() {
        int i = next++;
        timers[i & MASK].record(BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK], TimeUnit.NANOSECONDS);
    }

    /**
     * Contrast: looking the counter up by name and tags on every call, as code that skips
     * pre-registration does (varargs array, tag list and id built per call).
     */
    @Benchmark
    public Counter naiveCounterLookup() {
        Counter counter = registry.counter(
                CoreCatalogue.APP_ERRORS.getName(),
                CoreCatalogue.ERROR_TYPE.asString(),
                BenchInputs.ERROR_TYPES[next++ & MASK],
                CoreCatalogue.SEVERITY.asString(),
                ErrorSeverity.ERROR.label());
        counter.increment();
        return counter;
    }
}
