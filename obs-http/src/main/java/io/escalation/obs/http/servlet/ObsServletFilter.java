package io.escalation.obs.http.servlet;

import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.HttpServerFilter;
import io.escalation.obs.http.Router;
import io.escalation.obs.http.ServerExchange;
import io.opentelemetry.context.Scope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * A servlet {@code Filter} recording every request of a web application: the route from a
 * {@link Router} over the raw path inside the context (never the path itself), the SERVER span (a
 * child of an incoming {@code traceparent}), the {@code request_id} in the MDC while the chain runs
 * and the {@code X-Request-Id} response header, and one access-log line. A servlet that throws is
 * recorded as 500 (or the status already committed), handed to the unhandled-error hook (Sentry, when
 * obs-errors' {@code ErrorReporter} was created on the same {@code Observability}) and rethrown to the
 * container. An asynchronous request
 * ({@code startAsync}) is recorded once, when it completes, with its final status and duration.
 *
 * <pre>{@code
 * HttpMetrics http = HttpMetrics.create(obs);
 * Router router = http.router("/api/v1/campaigns", "/api/v1/campaigns/{id}");
 * servletContext.addFilter("obs", ObsServletFilter.create(http, router))
 *         .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
 * }</pre>
 *
 * <p>In a Spring MVC application the route is the pattern of the handler that served the request
 * (Spring's best-matching-pattern request attribute), so the router need not repeat the
 * application's mappings; the router names the routes of requests Spring did not map.
 *
 * <p>Only the {@code REQUEST} dispatch is recorded: forwards, includes, error and async dispatches
 * of the same request pass through, so a request counts once however the filter is mapped.
 */
public final class ObsServletFilter implements Filter {

    /** Request attribute marking a request already being recorded (a filter mapped twice). */
    static final String RECORDING = ObsServletFilter.class.getName() + ".recording";

    /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, read without depending on Spring. */
    static final String SPRING_BEST_MATCHING_PATTERN =
            "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private static final String CATCH_ALL = "/**";

    private final HttpMetrics http;
    private final Router router;

    private ObsServletFilter(HttpMetrics http, Router router) {
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
    public static ObsServletFilter create(HttpMetrics http, Router router) {
        return new ObsServletFilter(Objects.requireNonNull(http, "http"), Objects.requireNonNull(router, "router"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest)
                || !(response instanceof HttpServletResponse)
                || request.getDispatcherType() != DispatcherType.REQUEST
                || request.getAttribute(RECORDING) != null) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        request.setAttribute(RECORDING, Boolean.TRUE);
        // detached: an async request ends on another thread, so this thread's scope and MDC are ours to restore
        ServerExchange observed = http.server(
                        HttpMethod.of(httpRequest.getMethod()), router.match(pathInContext(httpRequest)))
                .scheme(httpRequest.getScheme())
                .requestId(httpRequest.getHeader(HttpServerFilter.REQUEST_ID_HEADER))
                .parent(httpRequest, RequestHeaders.INSTANCE)
                .detached()
                .start();
        httpResponse.setHeader(HttpServerFilter.REQUEST_ID_HEADER, observed.requestId());
        String previousRequestId = MDC.get(ServerExchange.MDC_KEY);
        MDC.put(ServerExchange.MDC_KEY, observed.requestId());
        Scope scope = observed.span().makeCurrent();
        try {
            chain.doFilter(request, response);
            useFrameworkRoute(httpRequest, observed);
            if (!AsyncEnd.attach(httpRequest, httpResponse, observed)) {
                observed.end(httpResponse.getStatus());
            }
        } catch (IOException | ServletException | RuntimeException | Error e) {
            useFrameworkRoute(httpRequest, observed);
            observed.endUnhandled(sentStatus(httpResponse), e);
            throw e;
        } finally {
            scope.close();
            if (previousRequestId == null) {
                MDC.remove(ServerExchange.MDC_KEY);
            } else {
                MDC.put(ServerExchange.MDC_KEY, previousRequestId);
            }
        }
    }

    /**
     * Takes the route the web framework matched, when it says: Spring MVC's {@code
     * HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE} holds the pattern of the handler that served
     * the request ({@code /api/v1/campaigns/{id}}), which is the route even when the router was not
     * told about it. Spring's catch-all resource pattern {@code /**} names no route and is ignored,
     * so that unmatched paths stay {@code UNKNOWN} or {@code NOT_FOUND}.
     */
    private void useFrameworkRoute(HttpServletRequest request, ServerExchange observed) {
        if (request.getAttribute(SPRING_BEST_MATCHING_PATTERN) instanceof CharSequence pattern
                && !CATCH_ALL.contentEquals(pattern)) {
            observed.route(http.route(pattern.toString()));
        }
    }

    /**
     * The raw request path without the context path and the query string ({@code /app/api/v1/x} in
     * context {@code /app} is {@code /api/v1/x}); the whole raw path when it does not start with the
     * context path.
     */
    static @Nullable String pathInContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || context == null || context.isEmpty() || !uri.startsWith(context)) {
            return uri;
        }
        if (uri.length() == context.length()) {
            return "/";
        }
        return uri.charAt(context.length()) == '/' ? uri.substring(context.length()) : uri;
    }

    /** The status already sent when the response is committed, else 500: what an exception leaves. */
    static int sentStatus(HttpServletResponse response) {
        int status = response.isCommitted() ? response.getStatus() : 0;
        return status > 0 ? status : 500;
    }
}
