package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.label.GuardedLabel;
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
    enum Outcome {
        SUCCESS("success"),
        ERROR("error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final Outcome[] OUTCOMES = Outcome.values();

    private final Observability obs;
    private final GuardedLabel<Timer[]> byOperation;

    private OperationTimers(Observability obs) {
        this.obs = obs;
        this.byOperation = obs.labels().guard(BenchMeters.OPERATION_DURATION, BenchLabels.OPERATION,
                this::timersFor);
    }

    static OperationTimers create(Observability obs) {
        return new OperationTimers(obs);
    }

    /** Records one {@code operation} that took {@code nanos}. Never throws; a negative time is counted and dropped. */
    void record(String operation, Outcome outcome, long nanos) {
        if (outcome == null) {
            obs.faults().record(BenchMeters.OPERATION_DURATION, FaultReason.NULL_VALUE);
            return;
        }
        if (obs.faults().rejectsCount(BenchMeters.OPERATION_DURATION, nanos)) {
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
            timers[outcome.ordinal()] = latencyTimer(obs.registry(), operation, outcome);
        }
        return timers;
    }

    /** The timer of one series, with the latency buckets every obs facade uses; shared with the raw baseline. */
    static Timer latencyTimer(MeterRegistry registry, String operation, Outcome outcome) {
        return Timer.builder(BenchMeters.OPERATION_DURATION.getName())
                .description(BenchMeters.OPERATION_DURATION.getDescription())
                .tag(BenchLabels.OPERATION.asString(), operation)
                .tag(BenchLabels.OUTCOME.asString(), outcome.label())
                .serviceLevelObjectives(BenchInputs.LATENCY_SLOS)
                .publishPercentileHistogram(false)
                .register(registry);
    }
}
