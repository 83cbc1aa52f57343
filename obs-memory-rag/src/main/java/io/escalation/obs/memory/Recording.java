package io.escalation.obs.memory;

import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** The checked recording steps every facade of this module shares: never throw, count bad input. */
final class Recording {

    /** Durations above a day are clamped: nothing here takes that long, a bad clock does. */
    static final long MAX_NANOS = TimeUnit.DAYS.toNanos(1);
    /** Whole-percent buckets for 0..1 scores (Micrometer rounds summary values up to integers). */
    static final double[] PERCENT_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100};

    private Recording() {
    }

    static void increment(Faults faults, ObsMeter meter, Counter counter) {
        try {
            counter.increment();
        } catch (RuntimeException e) {
            faults.record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    static void add(Faults faults, ObsMeter meter, Counter counter, long amount) {
        if (faults.rejectsCount(meter, amount)) {
            return;
        }
        try {
            counter.increment(amount);
        } catch (RuntimeException e) {
            faults.record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    static void time(Faults faults, ObsMeter meter, Timer timer, long nanos) {
        if (faults.rejectsCount(meter, nanos)) {
            return;
        }
        try {
            timer.record(faults.clamp(meter, nanos, MAX_NANOS), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            faults.record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    static void count(Faults faults, ObsMeter meter, DistributionSummary summary, long value) {
        if (faults.rejectsCount(meter, value)) {
            return;
        }
        try {
            summary.record(value);
        } catch (RuntimeException e) {
            faults.record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /** A 0..1 score recorded in whole percent; above 1 clamped, negative or NaN dropped. */
    static void score(Faults faults, ObsMeter meter, DistributionSummary summary, double score) {
        if (faults.rejectsAmount(meter, score)) {
            return;
        }
        try {
            summary.record(Math.rint(faults.clamp(meter, score, 1.0) * 100));
        } catch (RuntimeException e) {
            faults.record(meter, FaultReason.RECORDING_FAILED);
        }
    }
}
