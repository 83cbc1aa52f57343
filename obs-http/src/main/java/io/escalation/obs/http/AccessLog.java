package io.escalation.obs.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The access log: one line per inbound request on the logger {@value #LOGGER_NAME} (the HTTP log
 * category), message {@code "GET /api/v1/campaigns/{id} 200"} and the key-value pairs
 * {@code method}, {@code route} (the recorded {@code endpoint} label, never the raw path),
 * {@code status}, {@code duration_ms}, {@code error_type} for an exception, {@code trace_id};
 * {@code request_id} is the MDC entry, put for the line when the thread does not have it. Logged
 * with the request's span current, so that obs-logging's encoder writes its {@code trace_id} and
 * {@code span_id}, and masked by that encoder like every other line.
 *
 * <p>Nothing is allocated or formatted when the line's level is disabled or the request is not
 * sampled.
 */
final class AccessLog {

    /** The logger of the access log, a child of the HTTP category logger {@code obs.http}. */
    static final String LOGGER_NAME = "obs.http.access";

    static final String METHOD = "method";
    static final String ROUTE = "route";
    static final String STATUS = "status";
    static final String DURATION_MS = "duration_ms";
    static final String ERROR_TYPE = "error_type";
    static final String TRACE_ID = "trace_id";

    private final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);
    private final @Nullable Level level;
    private final @Nullable Level serverErrorLevel;
    private final double sampling;

    AccessLog(@Nullable Level level, @Nullable Level serverErrorLevel, double sampling) {
        this.level = level;
        this.serverErrorLevel = serverErrorLevel;
        this.sampling = sampling;
    }

    /**
     * Logs one finished request: a 5xx or an exception at the server-error level, never sampled;
     * a 4xx at the level, never sampled; anything below 400 at the level, sampled.
     */
    void log(
            HttpMethod method,
            String route,
            int status,
            long nanos,
            @Nullable Throwable error,
            String requestId,
            Span span) {
        boolean serverError = status >= 500 || error != null;
        Level at = serverError ? serverErrorLevel : level;
        if (at == null || !logger.isEnabledForLevel(at)) {
            return;
        }
        if (!serverError && status < 400 && !sampled()) {
            return;
        }
        String previousRequestId = MDC.get(ServerExchange.MDC_KEY);
        boolean putRequestId = !requestId.equals(previousRequestId);
        if (putRequestId) {
            MDC.put(ServerExchange.MDC_KEY, requestId);
        }
        SpanContext context = span.getSpanContext();
        Scope scope = context.isValid() && Span.current() != span ? span.makeCurrent() : null;
        try {
            LoggingEventBuilder line = logger.atLevel(at)
                    .addKeyValue(METHOD, method.label())
                    .addKeyValue(ROUTE, route)
                    .addKeyValue(STATUS, status)
                    .addKeyValue(DURATION_MS, millis(nanos));
            if (error != null) {
                line = line.addKeyValue(ERROR_TYPE, error.getClass().getName());
            }
            if (context.isValid()) {
                line = line.addKeyValue(TRACE_ID, context.getTraceId());
            }
            line.log("{} {} {}", method.label(), route, status);
        } finally {
            if (scope != null) {
                scope.close();
            }
            if (putRequestId) {
                if (previousRequestId == null) {
                    MDC.remove(ServerExchange.MDC_KEY);
                } else {
                    MDC.put(ServerExchange.MDC_KEY, previousRequestId);
                }
            }
        }
    }

    private boolean sampled() {
        return sampling >= 1.0 || (sampling > 0.0 && ThreadLocalRandom.current().nextDouble() < sampling);
    }

    /** Milliseconds with microsecond precision, e.g. {@code 12.345}. */
    static double millis(long nanos) {
        return Math.max(0, nanos / 1_000) / 1_000.0;
    }
}
