package io.escalation.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import java.io.IOException;
import java.util.List;
import net.logstash.logback.composite.AbstractJsonProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * Writes {@code service}, {@code environment}, {@code trace_id}, {@code span_id} and
 * {@code category}. The trace ids are those an {@link ObsAsyncAppender} captured on the logging
 * thread, or else those of {@link Span#current()} (a synchronous appender runs on that thread), or else
 * valid ids under Micrometer Tracing's MDC keys {@code traceId} and {@code spanId} (Spring Boot's).
 */
final class ObsFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    /** The MDC keys Micrometer Tracing (and so Spring Boot) puts the current trace and span ids under. */
    static final String MDC_TRACE_ID = "traceId";

    static final String MDC_SPAN_ID = "spanId";

    private LoggingState state = new LoggingState();
    private @Nullable String service;
    private @Nullable String environment;

    void configure(LoggingState state, @Nullable String service, @Nullable String environment) {
        this.state = state;
        this.service = service;
        this.environment = environment;
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        writeIfSet(generator, LogFields.SERVICE, state.service() != null ? state.service() : service);
        writeIfSet(generator, LogFields.ENVIRONMENT, state.environment() != null ? state.environment() : environment);
        String traceId = captured(event, LogFields.TRACE_ID);
        String spanId = captured(event, LogFields.SPAN_ID);
        boolean trusted = traceId != null;
        if (traceId == null) {
            SpanContext current = Span.current().getSpanContext();
            if (current.isValid()) {
                traceId = current.getTraceId();
                spanId = current.getSpanId();
                trusted = true;
            } else {
                // pairs set by other code (a replayed event, a caller's addKeyValue): written only when
                // they are ids at all, and then through the masker like any caller value
                traceId = validId(event, LogFields.TRACE_ID);
                spanId = traceId == null ? null : validId(event, LogFields.SPAN_ID);
                if (traceId == null) { // Micrometer Tracing's MDC keys (Spring Boot), e.g. under the Brave bridge
                    traceId = validMdcId(event, MDC_TRACE_ID, true);
                    spanId = traceId == null ? null : validMdcId(event, MDC_SPAN_ID, false);
                }
            }
        }
        MaskingGenerator.trust(generator, trusted); // ids from OpenTelemetry, captured on the logging thread
        try {
            writeIfSet(generator, LogFields.TRACE_ID, traceId);
            writeIfSet(generator, LogFields.SPAN_ID, spanId);
        } finally {
            MaskingGenerator.trust(generator, false);
        }
        LogCategory category = LogCategory.of(event.getLoggerName());
        if (category != null) {
            generator.writeStringField(LogFields.CATEGORY, category.label());
        }
    }

    private static void writeIfSet(JsonGenerator generator, String field, @Nullable String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            generator.writeStringField(field, value);
        }
    }

    /**
     * The value ObsAsyncAppender captured for {@code key}: only its own pairs count, so that a
     * caller's {@code addKeyValue("trace_id", ...)} is never taken for a trusted id.
     */
    static @Nullable String captured(ILoggingEvent event, String key) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null) {
            return null;
        }
        for (int i = 0; i < pairs.size(); i++) {
            KeyValuePair pair = pairs.get(i);
            if (pair instanceof CapturedId && key.equals(pair.key) && pair.value instanceof String id) {
                return id;
            }
        }
        return null;
    }

    /** A key-value pair's value when it is a valid OpenTelemetry trace or span id (hex), else null. */
    private static @Nullable String validId(ILoggingEvent event, String key) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null) {
            return null;
        }
        for (int i = 0; i < pairs.size(); i++) {
            KeyValuePair pair = pairs.get(i);
            if (key.equals(pair.key) && pair.value instanceof String id) {
                boolean valid = key.equals(LogFields.TRACE_ID) ? TraceId.isValid(id) : SpanId.isValid(id);
                return valid ? id : null;
            }
        }
        return null;
    }

    /** The MDC entry {@code key} when it is a valid trace ({@code trace}) or span id, else null. */
    private static @Nullable String validMdcId(ILoggingEvent event, String key, boolean trace) {
        String id = event.getMDCPropertyMap().get(key);
        if (id == null) {
            return null;
        }
        return (trace ? TraceId.isValid(id) : SpanId.isValid(id)) ? id : null;
    }

    /** A trace or span id that ObsAsyncAppender read from OpenTelemetry on the logging thread. */
    static final class CapturedId extends KeyValuePair {
        CapturedId(String key, String id) {
            super(key, id);
        }
    }
}
