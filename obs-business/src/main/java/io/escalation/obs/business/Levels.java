package io.escalation.obs.business;

import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Current levels reported by the service, one per enum constant, each behind a gauge; NaN until
 * first reported.
 */
final class Levels {

    private static final long UNREPORTED = -1;

    private final AtomicLongArray values;

    private Levels(int size) {
        this.values = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            values.set(i, UNREPORTED);
        }
    }

    /** A gauge of {@code meter} per label value, in ordinal order. */
    static Levels register(MeterRegistry registry, ObsMeter meter, ObsLabel label, String[] labelValues) {
        Levels levels = new Levels(labelValues.length);
        for (int i = 0; i < labelValues.length; i++) {
            int index = i;
            meter.gauge(levels, l -> l.read(index))
                    .strongReference(true)
                    .tag(label.asString(), labelValues[i])
                    .register(registry);
        }
        return levels;
    }

    void set(int index, long value) {
        values.set(index, value);
    }

    /** Adds {@code delta}, never going below zero; false when that would have happened. */
    boolean add(int index, long delta) {
        while (true) {
            long current = values.get(index);
            long base = current == UNREPORTED ? 0 : current;
            long next = base + delta;
            if (next < 0) {
                return false;
            }
            if (values.compareAndSet(index, current, next)) {
                return true;
            }
        }
    }

    private double read(int index) {
        long value = values.get(index);
        return value == UNREPORTED ? Double.NaN : value;
    }
}
