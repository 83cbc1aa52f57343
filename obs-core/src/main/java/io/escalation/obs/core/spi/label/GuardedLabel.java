package io.escalation.obs.core.spi.label;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One open-vocabulary label of one meter, mapping caller values to what the facade records for
 * them (a meter, or an array of meters for the other labels).
 *
 * <p>A value seen before costs one lock-free table probe and allocates nothing. A new value is
 * first judged in its normal form (invisible characters removed, {@code %XX} escapes decoded until
 * stable, full-width and other Unicode digits and spaces made ASCII; see {@link LabelText}): PII the
 * masker finds, a run of seven or more digits that is not a date, an IP or an email address makes it
 * {@code redacted}. Then it is length-capped (never between the chars of a surrogate pair), its
 * control, format and bidi characters are replaced by {@code _}, it is counted against the cap shared
 * by every guard of the same meter and label, and only then handed to the factory, so no meter id
 * exists for a value the cap refuses. Beyond the cap values fold into {@code other}, each occurrence
 * counted in {@code obs_label_overflow_total}. Values that needed cleaning are never remembered, so
 * every occurrence is counted in {@code obs_instrumentation_errors_total}.
 *
 * @param <V> what the facade keeps per label value
 */
public final class GuardedLabel<V> {

    /** Known values kept in the lock-free table; more go to a concurrent map. */
    private static final int FAST_LIMIT = 256;
    /** Slack around the length cap within which PII is looked for before the value is cut. */
    private static final int PII_WINDOW_SLACK = 64;
    /** Raw chars per judged char at most: a full-width digit percent-encoded twice takes 15. */
    private static final int ENCODED_WIDTH = 15;

    private final ObsMeter meter;
    private final LabelPolicy policy;
    private final PiiMasker masker;
    private final Faults faults;
    private final AdmittedValues admitted;
    private final Function<String, V> factory;
    private final int rawLimit;
    private final int judgedLength;
    private volatile KnownValues<V> fast = KnownValues.empty();
    private final ConcurrentMap<String, V> slow = new ConcurrentHashMap<>();
    private final Map<String, V> byValue = new HashMap<>(); // guarded by this
    private volatile @Nullable V other;

    GuardedLabel(
            ObsMeter meter,
            ObsLabel label,
            LabelPolicy policy,
            PiiMasker masker,
            Faults faults,
            AdmittedValues admitted,
            Function<String, V> factory) {
        this.meter = meter;
        this.policy = policy;
        this.masker = masker;
        this.faults = faults;
        this.admitted = admitted;
        this.factory = factory;
        this.rawLimit = policy.maxValuesPerLabel() * 4;
        this.judgedLength = (policy.maxValueLength() + PII_WINDOW_SLACK) * ENCODED_WIDTH;
    }

    /**
     * What to record for {@code value}: the factory's result for its cleaned form, or for
     * {@code other} / {@code redacted} / {@code unknown}. Never throws while the factory does not.
     *
     * @param value the caller's label value
     * @return the factory's result for the admitted value
     */
    public V resolve(@Nullable String value) {
        V known = known(value);
        if (known != null) {
            return known;
        }
        if (value != null) {
            V overflow = other;
            if (overflow != null && admitted.isFull() && !admitted.contains(value)) {
                // the cap is reached: no lock for a new clean value; cleaning reads a bounded window
                String cleaned = clean(value);
                if (cleaned == value && !isPlaceholder(value)) {
                    admitted.overflow().increment();
                    return overflow;
                }
                return admitCleaned(value, cleaned); // "Type0 " may be admitted "Type0"; PII is redacted
            }
        }
        return admit(value);
    }

    /**
     * {@link #resolve(String)}, or {@code fallback} when the factory threw (a registry refusing the meter):
     * counted as {@link FaultReason#RECORDING_FAILED} on the meter, and retried for the next occurrence.
     * Never throws.
     *
     * @param value the caller's label value
     * @param fallback what to record when the factory fails, e.g. a holder of no-op meters
     * @return the factory's result for the admitted value, or the fallback
     */
    public V resolve(@Nullable String value, V fallback) {
        try {
            return resolve(value);
        } catch (RuntimeException e) {
            faults.record(meter, FaultReason.RECORDING_FAILED);
            return fallback;
        }
    }

    /**
     * What {@link #resolve} returns for {@code value} when that exact value was resolved before and
     * needed no cleaning; null otherwise (nothing is admitted or counted). One lock-free table probe:
     * facades that check a value further before resolving it (route templates, say) skip that check
     * for values already known.
     *
     * @param value the caller's label value
     * @return the earlier result, or null
     */
    public @Nullable V known(@Nullable String value) {
        if (value == null) {
            return null;
        }
        V known = fast.get(value);
        return known != null || slow.isEmpty() ? known : slow.get(value);
    }

    /**
     * Distinct cleaned values admitted for this meter and label, placeholders excluded.
     *
     * @return the number of admitted values
     */
    public int size() {
        return admitted.size();
    }

    private synchronized V admit(@Nullable String raw) {
        if (raw == null) {
            faults.record(meter, FaultReason.NULL_VALUE);
            return placeholder(LabelPolicy.UNKNOWN);
        }
        V known = fast.get(raw);
        if (known == null) {
            known = slow.get(raw);
        }
        if (known != null) {
            return known;
        }
        return admitCleaned(raw, clean(raw));
    }

    /** What to record for {@code raw}, whose cleaned form (faults counted) is {@code value}. */
    private synchronized V admitCleaned(String raw, String value) {
        boolean faulty = value != raw;
        V result = byValue.get(value);
        if (result == null && isPlaceholder(value)) {
            result = placeholder(value);
        } else if (result == null) {
            if (!admitted.admit(value)) {
                admitted.overflow().increment();
                return placeholder(LabelPolicy.OTHER);
            }
            result = factory.apply(value);
            byValue.put(value, result);
        }
        if (!faulty) {
            remember(raw, result);
        }
        return result;
    }

    /** {@code raw} itself when it is fine; otherwise a cleaned copy, each fault counted. */
    private String clean(String raw) {
        int max = policy.maxValueLength();
        if (isPii(LabelText.truncated(raw, judgedLength))) {
            faults.record(meter, FaultReason.LABEL_PII);
            return LabelPolicy.REDACTED;
        }
        String value = raw;
        if (value.length() > max) {
            faults.record(meter, FaultReason.LABEL_TOO_LONG);
            value = LabelText.truncated(value, max);
        }
        if (LabelText.hasInvisible(value)) {
            faults.record(meter, FaultReason.LABEL_CONTROL_CHARS);
            value = LabelText.replaceInvisible(value);
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            faults.record(meter, FaultReason.NULL_VALUE);
            return LabelPolicy.UNKNOWN;
        }
        return stripped.length() == value.length() ? value : stripped;
    }

    /**
     * True when the masker finds PII in {@code window} or in its normal form, or the normal form
     * breaks a label-only rule (digit runs, IP addresses): see {@link LabelText}.
     */
    private boolean isPii(String window) {
        if (masker.containsPii(window)) {
            return true;
        }
        String normal = LabelText.normalForm(window);
        return normal != window && masker.containsPii(normal) || LabelText.hasLabelPii(normal);
    }

    private static boolean isPlaceholder(String value) {
        return value.equals(LabelPolicy.UNKNOWN)
                || value.equals(LabelPolicy.REDACTED)
                || value.equals(LabelPolicy.OTHER);
    }

    private V placeholder(String value) {
        V result = byValue.get(value);
        if (result == null) {
            result = factory.apply(value);
            byValue.put(value, result);
            if (value.equals(LabelPolicy.OTHER)) {
                other = result;
            }
        }
        return result;
    }

    private void remember(String raw, V result) {
        // Only short values are kept as keys, and only a bounded number of them: a hostile caller
        // sending endless distinct values pays the slow path instead of growing these tables.
        if (raw.length() > policy.maxValueLength()) {
            return;
        }
        KnownValues<V> table = fast;
        if (table.size() < FAST_LIMIT) {
            fast = table.with(raw, result);
        } else if (table.size() + slow.size() < rawLimit) {
            slow.put(raw, result);
        }
    }
}
