package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.HttpServerFilter;
import io.escalation.obs.http.ServerExchange;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Records obs's {@code http_*} series from Spring MVC's own server request observations, so that a request is
 * observed once: Spring times it and traces it (its {@code ServerHttpObservationFilter}, with the tracing bridge's
 * SERVER span), and this handler records the same request in obs's meters under the path pattern Spring matched
 * ({@code /api/v1/campaigns/{id}}), without a filter or a span of its own.
 *
 * <p>An exception that escaped the handler (Spring's filter answers 500) goes to obs's unhandled-error hook, like
 * {@code ObsServletFilter}; one that an exception handler resolved to a 4xx response is recorded with its status.
 */
final class ServerRequestObservations implements ObservationHandler<ServerRequestObservationContext> {

    /** Spring's catch-all resource pattern: it names no route. */
    private static final String CATCH_ALL = "/**";

    private final HttpMetrics http;

    ServerRequestObservations(HttpMetrics http) {
        this.http = http;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        HttpServletRequest request = context.getCarrier();
        ServerExchange exchange = http.server(HttpMethod.of(request.getMethod()), http.unmatched())
                .scheme(request.getScheme())
                .requestId(request.getHeader(HttpServerFilter.REQUEST_ID_HEADER))
                .withoutSpan() // Spring's observation is the SERVER span
                .detached() // an async request ends on another thread
                .start();
        HttpServletResponse response = context.getResponse();
        if (response != null && !response.isCommitted()) {
            response.setHeader(HttpServerFilter.REQUEST_ID_HEADER, exchange.requestId());
        }
        context.put(ServerExchange.class, exchange);
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        ServerExchange exchange = context.get(ServerExchange.class);
        if (exchange == null) {
            return;
        }
        HttpServletResponse response = context.getResponse();
        end(http, exchange, context.getPathPattern(), response == null ? 0 : response.getStatus(), context.getError());
    }

    /**
     * Ends {@code exchange} under the route of {@code pattern}, the path pattern the framework matched (none, or its
     * catch-all {@code /**}: the unmatched route), with the status sent: without {@code error}, or with an error that
     * was answered with a 4xx, as answered; else as an unhandled error (obs's unhandled-error hook), 500 unless a 5xx
     * was sent. Shared by the Spring MVC and WebFlux handlers.
     */
    static void end(
            HttpMetrics http,
            ServerExchange exchange,
            @Nullable String pattern,
            int status,
            @Nullable Throwable error) {
        exchange.route(pattern == null || CATCH_ALL.equals(pattern) ? null : http.route(pattern));
        if (error == null) {
            exchange.end(status);
        } else if (status >= 400 && status < 500) {
            exchange.end(status, error); // resolved into a client error
        } else {
            exchange.endUnhandled(status >= 500 ? status : 500, error);
        }
    }
}
