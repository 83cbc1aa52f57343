package io.escalation.obs.core.spi.label;

import io.escalation.obs.core.label.LabelPolicy;
import io.micrometer.core.instrument.Counter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distinct values one label of one meter has taken, shared by every {@link GuardedLabel} of
 * that meter and label (two facade instances on one {@code Observability} share one cap).
 */
final class AdmittedValues {

    private static final Logger log = LoggerFactory.getLogger(LabelGuard.class);

    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final int cap;
    private final Counter overflow;
    private final String metric;
    private final String label;
    private volatile boolean full;

    AdmittedValues(int cap, Counter overflow, String metric, String label) {
        this.cap = cap;
        this.overflow = overflow;
        this.metric = metric;
        this.label = label;
    }

    /** True when {@code value} was admitted before or is admitted now; false when the cap is reached. */
    synchronized boolean admit(String value) {
        if (values.contains(value)) {
            return true;
        }
        if (values.size() >= cap) {
            if (!full) {
                full = true;
                log.warn(
                        "obs: label '{}' of {} reached its cap of {} distinct values; new values are recorded"
                                + " as '{}' and counted in obs_label_overflow_total",
                        label,
                        metric,
                        cap,
                        LabelPolicy.OTHER);
            }
            return false;
        }
        values.add(value);
        return true;
    }

    /** True once a value was refused; {@link #contains} then tells whether a value is still accepted. */
    boolean isFull() {
        return full;
    }

    boolean contains(String value) {
        return values.contains(value);
    }

    int size() {
        return values.size();
    }

    Counter overflow() {
        return overflow;
    }
}
