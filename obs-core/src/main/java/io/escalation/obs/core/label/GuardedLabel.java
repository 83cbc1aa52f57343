package io.escalation.obs.core.label;

import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.escalation.obs.core.fault.FaultReason;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open-vocabulary label of one meter, mapping caller values to what the facade records for
 * them (a meter, or an array of meters for the other labels).
 *
 * <p>A value seen before costs one hash lookup and allocates nothing. A new value is cleaned
 * (control characters replaced, length capped, PII turned into {@code redacted}), counted against
 * the cap, and only then handed to the factory, so no meter id exists for a value the cap rejects.
 *
 * @param <V> what the facade keeps per label value
 */
public final class GuardedLabel<V> {

    private static final Logger log = LoggerFactory.getLogger(GuardedLabel.class);

    private final LabelGuard guard;
    private final ObsMeter meter;
    private final ObsLabel label;
    private final Function<String, V> factory;
    private final int cap;
    private final int rawCacheLimit;
    private volatile KnownValues<V> byRaw = KnownValues.empty();   // read without a lock
    private final Map<String, V> byValue = new HashMap<>();          // guarded by this
    private int admitted;
    private @Nullable Counter overflow;

    GuardedLabel(LabelGuard guard, ObsMeter meter, ObsLabel label, Function<String, V> factory) {
        this.guard = guard;
        this.meter = meter;
        this.label = label;
        this.factory = factory;
        this.cap = guard.policy().maxValuesPerLabel();
        this.rawCacheLimit = cap * 4;
    }

    /**
     * What to record for {@code value}: the factory's result for its cleaned form, or for
     * {@code other} / {@code redacted} / {@code unknown}. Never throws while the factory does not.
     */
    public V resolve(@Nullable String value) {
        if (value != null) {
            V known = byRaw.get(value);
            if (known != null) {
                return known;
            }
        }
        return admit(value);
    }

    /** Distinct cleaned values admitted so far, {@code other}, {@code redacted} and {@code unknown} excluded. */
    public synchronized int size() {
        return admitted;
    }

    private synchronized V admit(@Nullable String raw) {
        if (raw == null) {
            guard.faults().record(meter, FaultReason.NULL_VALUE);
            return special(LabelPolicy.UNKNOWN);
        }
        V known = byRaw.get(raw);
        if (known != null) {
            return known;
        }
        String value = clean(raw);
        V result = byValue.get(value);
        if (result == null && isPlaceholder(value)) {
            result = special(value);
        } else if (result == null) {
            if (admitted >= cap) {
                countOverflow();
                return special(LabelPolicy.OTHER);   // not cached: every overflow is counted
            }
            result = factory.apply(value);
            byValue.put(value, result);
            admitted++;
        }
        remember(raw, result);
        return result;
    }

    private String clean(String raw) {
        int max = guard.policy().maxValueLength();
        String value = raw;
        if (value.length() > max) {
            guard.faults().record(meter, FaultReason.LABEL_TOO_LONG);
            value = value.substring(0, max);
        }
        if (hasControlChars(value)) {
            guard.faults().record(meter, FaultReason.LABEL_CONTROL_CHARS);
            value = replaceControlChars(value);
        }
        value = value.strip();
        if (value.isEmpty()) {
            guard.faults().record(meter, FaultReason.NULL_VALUE);
            return LabelPolicy.UNKNOWN;
        }
        if (guard.masker().containsPii(value)) {
            guard.faults().record(meter, FaultReason.LABEL_PII);
            return LabelPolicy.REDACTED;
        }
        return value;
    }

    private static boolean isPlaceholder(String value) {
        return value.equals(LabelPolicy.UNKNOWN) || value.equals(LabelPolicy.REDACTED) || value.equals(LabelPolicy.OTHER);
    }

    private V special(String value) {
        V result = byValue.get(value);
        if (result == null) {
            result = factory.apply(value);
            byValue.put(value, result);
        }
        return result;
    }

    private void remember(String raw, V result) {
        // Only short values are kept as keys, and only a bounded number of them: a hostile caller
        // sending endless distinct values pays the slow path instead of growing this map.
        if (raw.length() <= guard.policy().maxValueLength() && byRaw.size() < rawCacheLimit) {
            byRaw = byRaw.with(raw, result);
        }
    }

    private void countOverflow() {
        Counter counter = overflow;
        if (counter == null) {
            counter = guard.overflowCounter(meter, label);
            overflow = counter;
            log.warn("obs: label '{}' of {} reached its cap of {} distinct values; new values are recorded as"
                    + " '{}' and counted in obs_label_overflow_total", label.asString(), meter.prometheusName(),
                    cap, LabelPolicy.OTHER);
        }
        counter.increment();
    }

    static boolean hasControlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String replaceControlChars(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (isControl(chars[i])) {
                chars[i] = '_';
            }
        }
        return new String(chars);
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
