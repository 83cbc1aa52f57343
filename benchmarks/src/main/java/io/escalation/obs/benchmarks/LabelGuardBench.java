package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.label.LabelGuard;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link GuardedLabel#resolve} on the open {@code type} label of {@code app_errors_total}. The guards
 * map values to themselves (no meter is registered per value), so only the guard is timed; the
 * recording side is in {@link FacadeBench}. Label values are built before measuring.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LabelGuardBench {

    /** The largest cap a {@link LabelPolicy} allows: how many new values one fresh guard can admit. */
    static final int FRESH_CAP = 10_000;

    private static final int MASK = BenchInputs.SERIES - 1;
    private static final int OVERFLOW_VALUES = 1_024;

    private final Observability obs = FacadeBench.newObservability();
    private final Observability wideObs = Observability.builder()
            .serviceName(FacadeBench.SERVICE)
            .environment(FacadeBench.ENVIRONMENT)
            .labelPolicy(LabelPolicy.builder().maxValuesPerLabel(FRESH_CAP).build())
            .jvmMetrics(false)
            .build();
    private final LabelGuard labels = ModuleKit.of(obs).labels();
    private final LabelGuard wideLabels = ModuleKit.of(wideObs).labels();
    private final GuardedLabel<String> known = newGuard(labels);
    private final GuardedLabel<String> full = newGuard(labels);
    private final String[] knownValues = BenchInputs.ERROR_TYPES.clone();
    private final String[] freshValues = BenchInputs.distinctValues("FreshError", FRESH_CAP);
    private final String[] overflowValues = BenchInputs.distinctValues("OverflowError", OVERFLOW_VALUES);
    private GuardedLabel<String> fresh = newGuard(wideLabels);
    private int freshUsed;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        for (String value : knownValues) {
            known.resolve(value);
        }
        String[] admitted =
                BenchInputs.distinctValues("AdmittedError", labels.policy().maxValuesPerLabel());
        for (String value : admitted) {
            full.resolve(value);
        }
        full.resolve("FirstOverflow"); // the one-off overflow warning is logged here, not while measuring
    }

    @Setup(Level.Iteration)
    public void freshGuard() {
        fresh = newGuard(wideLabels);
        freshUsed = 0;
    }

    @TearDown
    public void tearDown() {
        obs.close();
        wideObs.close();
    }

    /** A value admitted before: one hash lookup, no allocation. Rotates over eight values. */
    @Benchmark
    public String knownValue() {
        return known.resolve(knownValues[next++ & MASK]);
    }

    /**
     * A value never seen by the guard, below its cap: cleaning, PII check, admission. Every
     * {@value #FRESH_CAP} calls the full guard is swapped for a fresh one (amortised: one guard per
     * {@value #FRESH_CAP} admissions); the strings are reused across guards, so their hash codes are cached.
     */
    @Benchmark
    public String newValueUnderCap() {
        if (freshUsed == FRESH_CAP) {
            fresh = newGuard(wideLabels);
            freshUsed = 0;
        }
        return fresh.resolve(freshValues[freshUsed++]);
    }

    /** A new value once the cap (100) is reached: cleaned, counted in the overflow counter, folded into {@code other}. */
    @Benchmark
    public String overflowValue() {
        return full.resolve(overflowValues[next++ & (OVERFLOW_VALUES - 1)]);
    }

    private static GuardedLabel<String> newGuard(LabelGuard labels) {
        return labels.guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE);
    }
}
