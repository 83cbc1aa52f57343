package io.escalation.obs.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.math.BigInteger;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
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

    /** Slots of {@link #lastClean}: a power of two, more than the fields of a usual event. */
    private static final int SLOTS = 64;

    private final LoggingState state;
    /**
     * By field name (hashed to a slot), the last value found clean. Most values repeat as the very
     * same String instance: a logger's name, a thread's name, the service, constant arguments, and
     * the MDC values of every event of one request (request_id, userId, ...). An identity match skips
     * the scan: the same instance has the same characters. The message and the stack trace are new
     * every event and are not remembered. Slots hold immutable pairs written without
     * synchronisation on purpose: a stale or overwritten slot is only a miss.
     */
    private final Clean[] lastClean = new Clean[SLOTS];

    /** A value found clean in a field. */
    private record Clean(String field, String value) {
    }

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
            if (isPerEvent(name)) {
                return masked(text);
            }
            int hash = name.hashCode();
            int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
            Clean last = lastClean[slot];
            if (last != null && last.value == text && last.field.equals(name)) {
                return null;
            }
            String masked = masked(text);
            if (masked == null) {
                lastClean[slot] = new Clean(name, text);
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

    /** Fields whose value is a new String every event: remembering them would never pay. */
    private static boolean isPerEvent(String name) {
        return name.equals(MessageJsonProvider.FIELD_MESSAGE) || name.equals(StackTraceJsonProvider.FIELD_STACK_TRACE);
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
