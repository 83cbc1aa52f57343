package io.escalation.obs.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code com.sun.net.httpserver.Filter} recording every request of a context: the route from a
 * {@link Router} over the raw path (never the path itself), the SERVER span (a child of an
 * incoming {@code traceparent}), the {@code request_id} in the MDC and the {@code X-Request-Id}
 * response header, and one access-log line. A handler that throws is recorded as 500 (or the status
 * it already sent), handed to the unhandled-error hook (Sentry, when obs-errors' {@code ErrorReporter}
 * was created on the same {@code Observability}) and rethrown to the server.
 *
 * <pre>{@code
 * HttpMetrics http = HttpMetrics.create(obs);
 * Router router = http.router("/api/v1/campaigns", "/api/v1/campaigns/{id}");
 * HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 * server.createContext("/", handler).getFilters().add(HttpServerFilter.create(http, router));
 * }</pre>
 */
public final class HttpServerFilter extends Filter {

    /** The request and response header carrying the request id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation") // still abstract in the API; propagators only call get()
        public Iterable<String> keys(Headers carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            List<String> values = carrier.get(key);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    };

    private final HttpMetrics http;
    private final Router router;

    private HttpServerFilter(HttpMetrics http, Router router) {
        this.http = http;
        this.router = router;
    }

    /**
     * A filter recording into {@code http}, naming routes with {@code router}.
     *
     * @param http the HTTP metrics to record into
     * @param router the router that names the routes
     * @return the filter
     */
    public static HttpServerFilter create(HttpMetrics http, Router router) {
        return new HttpServerFilter(Objects.requireNonNull(http, "http"), Objects.requireNonNull(router, "router"));
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Headers requestHeaders = exchange.getRequestHeaders();
        ServerExchange observed = http.server(
                        HttpMethod.of(exchange.getRequestMethod()),
                        router.match(exchange.getRequestURI().getRawPath()))
                .scheme(exchange instanceof HttpsExchange ? "https" : "http")
                .requestId(requestHeaders.getFirst(REQUEST_ID_HEADER))
                .parent(requestHeaders, HEADERS)
                .start();
        exchange.getResponseHeaders().set(REQUEST_ID_HEADER, observed.requestId());
        try {
            chain.doFilter(exchange);
        } catch (IOException | RuntimeException | Error e) {
            int sent = exchange.getResponseCode();
            observed.endUnhandled(sent > 0 ? sent : 500, e);
            throw e;
        }
        observed.end(exchange.getResponseCode());
    }

    @Override
    public String description() {
        return "obs-http: RED metrics, server span and request id";
    }
}
