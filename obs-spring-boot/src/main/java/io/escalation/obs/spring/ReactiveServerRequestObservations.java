package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.HttpServerFilter;
import io.escalation.obs.http.ServerExchange;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Records obs's {@code http_*} series from Spring WebFlux's own server request observations, as {@link
 * ServerRequestObservations} does for Spring MVC: Spring times and traces the request (its {@code
 * HttpWebHandlerAdapter}, with the tracing bridge's SERVER span), this handler records it in obs's meters under the
 * path pattern WebFlux matched ({@code /api/v1/campaigns/{id}}), without a filter or a span of its own.
 *
 * <p>Spring puts on the observation the exception a {@code WebExceptionHandler} (Boot's error handler) resolved, or
 * the one that reached the server: answered with a 5xx, it goes to obs's unhandled-error hook; answered with a 4xx
 * ({@code ResponseStatusException}, a validation error), it is recorded with its status. The observation stops when
 * the response is committed, so the status is the one sent.
 */
final class ReactiveServerRequestObservations implements ObservationHandler<ServerRequestObservationContext> {

    private final HttpMetrics http;

    ReactiveServerRequestObservations(HttpMetrics http) {
        this.http = http;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        ServerHttpRequest request = context.getCarrier();
        if (request == null) {
            return;
        }
        ServerExchange exchange = http.server(HttpMethod.of(request.getMethod().name()), http.unmatched())
                .scheme(request.getURI().getScheme())
                .requestId(request.getHeaders().getFirst(HttpServerFilter.REQUEST_ID_HEADER))
                .withoutSpan() // Spring's observation is the SERVER span
                .detached() // the request ends on whichever event loop or worker thread completes it
                .start();
        ServerHttpResponse response = context.getResponse();
        if (response != null && !response.isCommitted()) {
            try {
                response.getHeaders().set(HttpServerFilter.REQUEST_ID_HEADER, exchange.requestId());
            } catch (UnsupportedOperationException readOnly) {
                // committed meanwhile: the headers are read-only, the request is still recorded
            }
        }
        context.put(ServerExchange.class, exchange);
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        ServerExchange exchange = context.get(ServerExchange.class);
        if (exchange == null) {
            return;
        }
        ServerRequestObservations.end(
                http, exchange, context.getPathPattern(), status(context.getResponse()), context.getError());
    }

    /** The response's status; 200, what the server sends, when none was set. */
    private static int status(@Nullable ServerHttpResponse response) {
        HttpStatusCode code = response == null ? null : response.getStatusCode();
        return code == null ? 200 : code.value();
    }
}
