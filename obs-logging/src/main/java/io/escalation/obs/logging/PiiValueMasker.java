package io.escalation.obs.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.math.BigInteger;
import net.logstash.logback.mask.ValueMasker;
import org.jspecify.annotations.Nullable;

/**
 * logstash-logback-encoder's {@link ValueMasker} backed by the context's {@code PiiMasker}: every
 * string value written (message, MDC values, structured arguments, stack trace) is masked, and so
 * is every integer long enough to be a phone or card number.
 */
final class PiiValueMasker implements ValueMasker {

    /** Ten digits: the shortest phone number the masker recognises. */
    private static final long SHORTEST_PHONE = 1_000_000_000L;

    private final LoggingState state;
    /**
     * Per field of {@link #repeatingSlot}, the last value found clean. Those values are the same
     * String instance event after event (a logger's name, a thread's name, the service), so an
     * identity match skips the scan: the same instance has the same characters. Written without
     * synchronisation on purpose: Strings are immutable, and a stale read is only a miss.
     */
    private final String[] lastClean = new String[5];

    PiiValueMasker(LoggingState state) {
        this.state = state;
    }

    @Override
    public @Nullable Object mask(JsonStreamContext context, Object value) {
        if (value instanceof String) {
            String text = (String) value;
            String name = context.getCurrentName();
            if (name == null) {
                return masked(text);
            }
            if (isFixedFormat(name)) {
                return null;
            }
            int slot = repeatingSlot(name);
            if (slot < 0) {
                return masked(text);
            }
            if (lastClean[slot] == text) {
                return null;
            }
            String masked = masked(text);
            if (masked == null) {
                lastClean[slot] = text;
            }
            return masked;
        }
        if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            return isPhoneLength(n) ? masked(Long.toString(n)) : null;
        }
        if (value instanceof BigInteger) {
            return masked(value.toString());
        }
        return null;
    }

    /** True for integers of ten digits or more: only those can be a phone or card number. */
    static boolean isPhoneLength(long n) {
        return n >= SHORTEST_PHONE || n <= -SHORTEST_PHONE;
    }

    private @Nullable String masked(String s) {
        String masked = state.masker().mask(s);
        return masked == s ? null : masked;
    }

    /** The {@link #lastClean} slot of fields whose values repeat as the same instance, or -1. */
    private static int repeatingSlot(String name) {
        switch (name) {
            case LogFields.LOGGER:
                return 0;
            case LogFields.THREAD:
                return 1;
            case LogFields.SERVICE:
                return 2;
            case LogFields.ENVIRONMENT:
                return 3;
            case LogFields.CATEGORY:
                return 4;
            default:
                return -1;
        }
    }

    /** Fields obs writes itself in a fixed format that cannot carry PII. */
    private static boolean isFixedFormat(String name) {
        switch (name) {
            case "@timestamp":
            case LogFields.LEVEL:
            case LogFields.TRACE_ID:
            case LogFields.SPAN_ID:
                return true;
            default:
                return false;
        }
    }
}
