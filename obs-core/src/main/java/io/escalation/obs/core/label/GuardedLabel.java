package io.escalation.obs.core.label;

import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.escalation.obs.core.fault.FaultReason;
import io.escalation.obs.core.fault.Faults;
import io.escalation.obs.core.pii.PiiMasker;
import java.nio.charset.StandardCharsets;
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
 * checked for PII (then it becomes {@code redacted}; a value holding {@code %XX} escapes is checked
 * decoded as well, so {@code /customers/jane%40example.com} is caught), length-capped, cleaned of control
 * characters, counted against the cap shared by every guard of the same meter and label, and only
 * then handed to the factory, so no meter id exists for a value the cap refuses. Beyond the cap
 * values fold into {@code other}, each occurrence counted in {@code obs_label_overflow_total}.
 * Values that needed cleaning are never remembered, so every occurrence is counted in
 * {@code obs_instrumentation_errors_total}.
 *
 * @param <V> what the facade keeps per label value
 */
public final class GuardedLabel<V> {

    /** Known values kept in the lock-free table; more go to a concurrent map. */
    private static final int FAST_LIMIT = 256;
    /** Slack around the length cap within which PII is looked for before the value is cut. */
    private static final int PII_WINDOW_SLACK = 64;

    private final ObsMeter meter;
    private final LabelPolicy policy;
    private final PiiMasker masker;
    private final Faults faults;
    private final AdmittedValues admitted;
    private final Function<String, V> factory;
    private final int rawLimit;
    private volatile KnownValues<V> fast = KnownValues.empty();
    private final ConcurrentMap<String, V> slow = new ConcurrentHashMap<>();
    private final Map<String, V> byValue = new HashMap<>();   // guarded by this
    private volatile @Nullable V other;

    GuardedLabel(ObsMeter meter, ObsLabel label, LabelPolicy policy, PiiMasker masker, Faults faults,
            AdmittedValues admitted, Function<String, V> factory) {
        this.meter = meter;
        this.policy = policy;
        this.masker = masker;
        this.faults = faults;
        this.admitted = admitted;
        this.factory = factory;
        this.rawLimit = policy.maxValuesPerLabel() * 4;
    }

    /**
     * What to record for {@code value}: the factory's result for its cleaned form, or for
     * {@code other} / {@code redacted} / {@code unknown}. Never throws while the factory does not.
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
                return admitCleaned(value, cleaned);   // "Type0 " may be admitted "Type0"; PII is redacted
            }
        }
        return admit(value);
    }

    /**
     * What {@link #resolve} returns for {@code value} when that exact value was resolved before and
     * needed no cleaning; null otherwise (nothing is admitted or counted). One lock-free table probe:
     * facades that check a value further before resolving it (route templates, say) skip that check
     * for values already known.
     */
    public @Nullable V known(@Nullable String value) {
        if (value == null) {
            return null;
        }
        V known = fast.get(value);
        return known != null || slow.isEmpty() ? known : slow.get(value);
    }

    /** Distinct cleaned values admitted for this meter and label, placeholders excluded. */
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
        String window = raw.length() > max + PII_WINDOW_SLACK ? raw.substring(0, max + PII_WINDOW_SLACK) : raw;
        String decoded = percentDecoded(window);
        if (masker.containsPii(window) || decoded != window && masker.containsPii(decoded)) {
            faults.record(meter, FaultReason.LABEL_PII);
            return LabelPolicy.REDACTED;
        }
        String value = raw;
        if (value.length() > max) {
            faults.record(meter, FaultReason.LABEL_TOO_LONG);
            value = value.substring(0, max);
        }
        if (hasControlChars(value)) {
            faults.record(meter, FaultReason.LABEL_CONTROL_CHARS);
            value = replaceControlChars(value);
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            faults.record(meter, FaultReason.NULL_VALUE);
            return LabelPolicy.UNKNOWN;
        }
        return stripped.length() == value.length() ? value : stripped;
    }

    /**
     * {@code s} with its {@code %XX} escapes decoded as UTF-8, for the PII check only: a raw request
     * path or query value spells {@code +1 415...} as {@code %2B1415...} and {@code @} as {@code %40}.
     * Malformed escapes stay as they are; {@code s} itself when it has no {@code %}.
     */
    static String percentDecoded(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        byte[] run = new byte[s.length() / 3];
        int i = 0;
        while (i < s.length()) {
            int n = 0;
            while (i + 2 < s.length() && s.charAt(i) == '%'
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                run[n++] = (byte) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 3;
            }
            if (n > 0) {
                out.append(new String(run, 0, n, StandardCharsets.UTF_8));
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean isPlaceholder(String value) {
        return value.equals(LabelPolicy.UNKNOWN) || value.equals(LabelPolicy.REDACTED) || value.equals(LabelPolicy.OTHER);
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
