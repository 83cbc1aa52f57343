package io.escalation.obs.benchmarks;

import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.internal.TraceExemplars;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
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
    /** The same timers in a registry that samples exemplars from the current trace, as obs's own does. */
    private final PrometheusMeterRegistry exemplarRegistry = new PrometheusMeterRegistry(
            TraceExemplars.prometheusConfig(), new PrometheusRegistry(), Clock.SYSTEM, TraceExemplars.INSTANCE);

    private final Timer[] exemplarTimers = new Timer[BenchInputs.SERIES];
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
            exemplarTimers[i] = OperationTimers.latencyTimer(
                    exemplarRegistry, BenchInputs.OPERATIONS[i], OperationTimers.Outcome.SUCCESS);
        }
    }

    @TearDown
    public void tearDown() {
        registry.close();
        exemplarRegistry.close();
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
     * {@link #timerRecord} in a registry with exemplars on, recorded outside any span (the common case:
     * most records are not in a sampled span): the exemplar sampler must add no allocation and next to no
     * time.
     */
    @Benchmark
    public void timerRecordExemplars() {
        int i = next++;
        exemplarTimers[i & MASK].record(BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK], TimeUnit.NANOSECONDS);
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
