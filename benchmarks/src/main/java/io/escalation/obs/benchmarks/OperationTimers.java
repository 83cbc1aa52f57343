package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelValue;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The reference for the guarded timer path: obs-core has no timer facade yet, so this one is built
 * the way domain facades will build theirs. One {@link GuardedLabel} maps the open {@code operation}
 * label to a {@code Timer[]} indexed by the bounded {@link Outcome}; recording is one guarded lookup,
 * one array load and {@link Timer#record(long, TimeUnit)} in nanoseconds. A domain facade whose
 * timer path costs more than this one does more work than it needs to.
 */
final class OperationTimers {

    /** The bounded {@code outcome} label. */
    enum Outcome implements LabelValue {
        SUCCESS("success"),
        ERROR("error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    private static final Outcome[] OUTCOMES = Outcome.values();

    private final MeterRegistry registry;
    private final Faults faults;
    private final GuardedLabel<Timer[]> byOperation;

    private OperationTimers(ModuleKit kit) {
        this.registry = kit.registry();
        this.faults = kit.faults();
        this.byOperation =
                kit.labels().guard(BenchCatalogue.OPERATION_DURATION, BenchCatalogue.OPERATION, this::timersFor);
    }

    static OperationTimers create(Observability obs) {
        return new OperationTimers(ModuleKit.of(obs));
    }

    /** Records one {@code operation} that took {@code nanos}. Never throws; a negative time is counted and dropped. */
    void record(String operation, Outcome outcome, long nanos) {
        if (faults.rejectsNull(BenchCatalogue.OPERATION_DURATION, outcome)
                || faults.rejectsCount(BenchCatalogue.OPERATION_DURATION, nanos)) {
            return;
        }
        byOperation.resolve(operation)[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The timers of one operation, guarded once: what a hot path keeps when the operation is fixed. */
    Timer[] ofOperation(String operation) {
        return byOperation.resolve(operation);
    }

    private Timer[] timersFor(String operation) {
        Timer[] timers = new Timer[OUTCOMES.length];
        for (Outcome outcome : OUTCOMES) {
            timers[outcome.ordinal()] = latencyTimer(registry, operation, outcome);
        }
        return timers;
    }

    /**
     * The timer of one series, with the declared latency buckets every obs facade uses (explicit buckets,
     * no percentile histogram); shared with the raw baseline.
     */
    static Timer latencyTimer(MeterRegistry registry, String operation, Outcome outcome) {
        return BenchCatalogue.OPERATION_DURATION
                .timer()
                .tag(BenchCatalogue.OPERATION.asString(), operation)
                .tag(BenchCatalogue.OUTCOME.asString(), outcome.label())
                .register(registry);
    }
}
