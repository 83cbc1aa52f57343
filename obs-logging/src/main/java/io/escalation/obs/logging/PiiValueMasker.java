package io.escalation.obs.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.mask.ValueMasker;
import org.jspecify.annotations.Nullable;

/**
 * logstash-logback-encoder's {@link ValueMasker} backed by the context's {@code PiiMasker}: every
 * string value written (message, MDC values, structured arguments, stack trace, whatever its field
 * name) is masked; {@link MaskingGenerator} hands it the digits of numbers long enough to be PII.
 */
final class PiiValueMasker implements ValueMasker {

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
    private record Clean(String field, String value) {}

    PiiValueMasker(LoggingState state) {
        this.state = state;
    }

    @Override
    public @Nullable Object mask(JsonStreamContext context, Object value) {
        if (value instanceof String text) {
            String name = context.getCurrentName();
            if (name == null) {
                return masked(text);
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
        return null;
    }

    private @Nullable String masked(String s) {
        String masked = state.masker().mask(s);
        return masked == s ? null : masked;
    }

    /** Fields whose value is a new String every event: remembering them would never pay. */
    private static boolean isPerEvent(String name) {
        return name.equals(MessageJsonProvider.FIELD_MESSAGE) || name.equals(StackTraceJsonProvider.FIELD_STACK_TRACE);
    }
}
