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

    PiiValueMasker(LoggingState state) {
        this.state = state;
    }

    @Override
    public @Nullable Object mask(JsonStreamContext context, Object value) {
        if (value instanceof String) {
            String name = context.getCurrentName();
            if (name != null && isFixedFormat(name)) {
                return null;
            }
            return masked((String) value);
        }
        if (value instanceof Long || value instanceof Integer) {
            long n = ((Number) value).longValue();
            return n >= SHORTEST_PHONE || n <= -SHORTEST_PHONE ? masked(Long.toString(n)) : null;
        }
        if (value instanceof BigInteger) {
            return masked(value.toString());
        }
        return null;
    }

    private @Nullable String masked(String s) {
        String masked = state.masker().mask(s);
        return masked == s ? null : masked;
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
