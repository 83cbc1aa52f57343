package io.escalation.obs.http;

import io.escalation.obs.core.spi.record.FaultReason;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * One inbound request in progress: counted in {@code http_requests_in_flight}, timed, with a
 * SERVER span (current on the starting thread) and the {@code request_id} MDC entry, until
 * {@link #end(int)} or {@link #fail(Throwable)} records it. Ending twice records once.
 *
 * <p>Span attributes follow the OpenTelemetry HTTP server conventions: {@code http.request.method},
 * {@code http.route}, {@code url.scheme}, {@code http.response.status_code} and, for a 5xx or an
 * exception, {@code error.type} (the status code or the exception's class name). The span is named
 * {@code "GET /api/v1/campaigns/{id}"}, or just the method while no route matched.
 *
 * <pre>{@code
 * ServerExchange exchange = http.server(HttpMethod.POST, route)
 *         .scheme("https").requestId(request.getHeader("X-Request-Id")).start();
 * response.setHeader("X-Request-Id", exchange.requestId());
 * try {
 *     handle(request, response);
 *     exchange.end(response.getStatus());
 * } catch (RuntimeException e) {
 *     exchange.fail(e);   // recorded as 500
 *     throw e;
 * }
 * }</pre>
 *
 * <p>Start and end on the same thread: the span scope and the MDC entry belong to the starting
 * thread. Asynchronous servers that end the exchange elsewhere start it {@link Builder#detached()}:
 * the span is then not made current and the MDC is left alone.
 */
public final class ServerExchange {

    /** The status of a request whose client went away before anything was sent (nginx's 499). */
    static final int CLIENT_CLOSED_REQUEST = 499;

    /** The SLF4J MDC key holding the request id. */
    public static final String MDC_KEY = "request_id";

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final HttpMetrics http;
    private final HttpMethod method;
    private volatile Route route;
    private final String requestId;
    private final long startNanos;
    private final Span span;
    /** The span whose trace the access log names: this exchange's, or the framework's without one. */
    private final Span traceSpan;

    private final @Nullable Scope scope;
    private final @Nullable String previousRequestId;
    private final Thread thread;
    private final AtomicBoolean ended = new AtomicBoolean();

    private ServerExchange(Builder b, String requestId) {
        this.http = b.http;
        this.method = b.method;
        this.route = b.route;
        this.requestId = requestId;
        this.thread = Thread.currentThread();
        this.span = b.withoutSpan ? Span.getInvalid() : startSpan(b);
        this.traceSpan = b.withoutSpan ? Span.fromContext(b.parent == null ? Context.current() : b.parent) : span;
        if (!route.isUnmatched()) {
            span.setAttribute(ROUTE, route.endpoint());
        }
        if (b.detached) {
            this.scope = null;
            this.previousRequestId = null;
        } else {
            this.scope = b.withoutSpan ? Scope.noop() : span.makeCurrent(); // never hide the framework's span
            this.previousRequestId = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, requestId);
        }
        http.inFlight().increment();
        this.startNanos = System.nanoTime();
    }

    /** The SERVER span; a parent context or tracer that throws gives an invalid span, counted. */
    private Span startSpan(Builder b) {
        try {
            return http.tracer()
                    .spanBuilder(spanName(method, route))
                    .setSpanKind(SpanKind.SERVER)
                    .setParent(b.parent == null ? Context.current() : b.parent)
                    .setAttribute(METHOD, method.label())
                    .setAttribute(SCHEME, b.scheme)
                    .startSpan();
        } catch (Throwable e) { // a caller's Context implementation, or a tracer, failing
            http.faults().callbackFailed(HttpCatalogue.REQUESTS, e);
            return Span.getInvalid();
        }
    }

    /**
     * The request id in the MDC: the incoming one when it was a safe token, else a generated one.
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The SERVER span, e.g. to add attributes or to carry its context to other threads; the invalid
     * span when started {@linkplain Builder#withoutSpan() without one}.
     *
     * @return the span of this request
     */
    public Span span() {
        return span;
    }

    /**
     * The route recorded, see {@link #route(String)}.
     *
     * @return the route, the unmatched one until routing is done
     */
    public Route route() {
        return route;
    }

    /**
     * Sets the route template once routing is done (frameworks that match after the exchange
     * starts); the same checks as {@link HttpMetrics#route(String)}. Never throws.
     *
     * @param template the matched route template, or null when none matched
     * @return this exchange
     */
    public ServerExchange route(@Nullable String template) {
        return route(http.route(template));
    }

    /**
     * Sets the route once routing is done. Never throws.
     *
     * @param resolved the matched route, or null for the unmatched route
     * @return this exchange
     */
    public ServerExchange route(@Nullable Route resolved) {
        if (resolved != null && !ended.get()) {
            this.route = resolved;
            if (!resolved.isUnmatched()) {
                span.setAttribute(ROUTE, resolved.endpoint());
                span.updateName(spanName(method, resolved));
            }
        }
        return this;
    }

    /**
     * Ends the request with {@code status}. Never throws.
     *
     * @param status the response status code
     */
    public void end(int status) {
        end(status, null);
    }

    /**
     * Ends the request with an unhandled exception, recorded as status 500. Never throws.
     *
     * @param error the exception, or null
     */
    public void fail(@Nullable Throwable error) {
        if (error == null) {
            http.faults().record(HttpCatalogue.ERRORS, FaultReason.NULL_VALUE);
        }
        end(Statuses.code(Statuses.SERVER_ERROR), error);
    }

    /**
     * Ends the request with an exception that escaped the application's handler: hands it to the
     * {@code Observability}'s unhandled-error hook first (obs-errors' {@code ErrorReporter} sends it
     * to Sentry when it was created on the same {@code Observability}; an out-of-memory error or a
     * full disk is counted in {@code system_errors_total}), then ends like {@link #end(int, Throwable)}.
     * What an adapter calls before rethrowing the exception to the server. Never throws.
     *
     * <p>An exception that says the client went away (a reset or broken connection, a server's client-abort
     * exception) is not the service's error: it is not reported, and the request is recorded with the status
     * already sent, or 499 (client closed request, counted under {@code 4xx}) when
     * nothing was sent, so that hang-ups never raise the 5xx error rate or page anyone.
     *
     * @param status the status sent, e.g. 500 when nothing was committed
     * @param error the exception; null is counted as a fault
     */
    public void endUnhandled(int status, @Nullable Throwable error) {
        if (ClientDisconnects.matches(error)) {
            end(status == Statuses.code(Statuses.SERVER_ERROR) ? CLIENT_CLOSED_REQUEST : status, null);
            return;
        }
        http.unhandledErrors().report(error);
        end(status, error);
    }

    /**
     * Ends the request with {@code status} (the one sent, e.g. when the response was already
     * committed) and, if not null, the exception that ended it. A status outside 100..599 is counted
     * as a fault and recorded as 500. Never throws.
     *
     * @param status the status sent
     * @param error the exception, or null
     */
    public void end(int status, @Nullable Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            if (error == null) { // the hot path: a method reference capturing nothing allocates nothing
                http.faults().guardInt(HttpCatalogue.REQUESTS, ServerExchange::recordAnswered, this, status);
            } else { // an exception was allocated already: the lambda's allocation does not matter
                http.faults().guard(HttpCatalogue.REQUESTS, () -> record(status, error));
            }
        } finally {
            span.end();
            if (scope != null && Thread.currentThread() == thread) {
                restoreThread();
            }
        }
    }

    /** Records an exchange answered with {@code status}, without an exception. May throw. */
    private void recordAnswered(int status) {
        record(status, null);
    }

    /** Records the exchange's end in the meters, the access log and the span. May throw. */
    @SuppressWarnings("try") // the scope is only closed
    private void record(int status, @Nullable Throwable error) {
        long nanos = System.nanoTime() - startNanos;
        http.inFlight().decrement();
        Route recorded = route;
        int slot = recorded.slotOf(status);
        recorded.recordSlot(method, slot, nanos);
        int code = Statuses.code(slot);
        span.setAttribute(STATUS_CODE, (long) code);
        http.accessLog().log(method, recorded.recordedAs(slot).endpoint(), code, nanos, error, requestId, traceSpan);
        if (error != null) {
            span.setAttribute(ERROR_TYPE, error.getClass().getName());
            try (Scope ignored = span.makeCurrent()) {
                http.obs().spans().recordError(error); // masked message and stack trace
            }
        } else if (code >= 500) {
            span.setAttribute(ERROR_TYPE, Statuses.label(slot));
            span.setStatus(StatusCode.ERROR);
        }
    }

    private void restoreThread() {
        try {
            Scope current = scope;
            if (current != null) {
                current.close();
            }
        } finally {
            if (previousRequestId == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previousRequestId);
            }
        }
    }

    private static String spanName(HttpMethod method, Route route) {
        String name = method == HttpMethod.OTHER ? "HTTP" : method.label();
        return route.isUnmatched() ? name : name + " " + route.endpoint();
    }

    /** Describes an inbound request before it starts; {@link #start()} starts it. */
    public static final class Builder {
        private final HttpMetrics http;
        private final HttpMethod method;
        private final Route route;
        private String scheme = "http";
        private @Nullable String incomingRequestId;
        private @Nullable Context parent;
        private boolean detached;
        private boolean withoutSpan;

        Builder(HttpMetrics http, HttpMethod method, Route route) {
            this.http = http;
            this.method = method;
            this.route = route;
        }

        /**
         * {@code url.scheme}: {@code http} (default) or {@code https}; anything else is ignored.
         *
         * @param scheme the request's scheme
         * @return this builder
         */
        public Builder scheme(@Nullable String scheme) {
            if ("https".equals(scheme) || "http".equals(scheme)) {
                this.scheme = scheme;
            }
            return this;
        }

        /**
         * The incoming {@code X-Request-Id} header, kept when it is a safe token; null generates one.
         *
         * @param incoming the header value, or null
         * @return this builder
         */
        public Builder requestId(@Nullable String incoming) {
            this.incomingRequestId = incoming;
            return this;
        }

        /**
         * The parent of the SERVER span, e.g. extracted from {@code traceparent}; default the current
         * context.
         *
         * @param parent the parent context, or null for the current one
         * @return this builder
         */
        public Builder parent(@Nullable Context parent) {
            this.parent = parent;
            return this;
        }

        /**
         * The parent of the SERVER span extracted from the request headers in {@code carrier} with
         * the propagators of the {@code Observability}'s OpenTelemetry (e.g. W3C {@code traceparent}).
         * A propagator or getter that throws leaves the current context as parent and is counted as a
         * {@code recording_failed} fault. Never throws.
         *
         * <pre>{@code
         * http.server(method, route).parent(request, getter).start();
         * }</pre>
         *
         * @param <C> the carrier type
         * @param carrier the request headers, or null
         * @param getter reads one header from {@code carrier}
         * @return this builder
         */
        public <C> Builder parent(@Nullable C carrier, TextMapGetter<C> getter) {
            try {
                this.parent = http.propagator().extract(Context.current(), carrier, getter);
            } catch (Throwable e) { // the caller's getter, or a propagator: counted, the current context is the parent
                http.faults().callbackFailed(HttpCatalogue.REQUESTS, e);
                this.parent = Context.current();
            }
            return this;
        }

        /**
         * For asynchronous servers that end the exchange on another thread: the span is not made
         * current and the request id is not put in this thread's MDC (carry {@link #span()} and
         * {@link #requestId()} yourself).
         *
         * @return this builder
         */
        public Builder detached() {
            this.detached = true;
            return this;
        }

        /**
         * For frameworks that trace the request themselves (Spring's observations with a tracing
         * bridge): no SERVER span is started, so none is nested in the framework's; the access log
         * names the trace of the parent or current span. Implies nothing about threads: combine with
         * {@link #detached()} when the exchange ends on another thread.
         *
         * @return this builder
         */
        public Builder withoutSpan() {
            this.withoutSpan = true;
            return this;
        }

        /**
         * Starts the request: in flight, timed, span current, request id in the MDC. Never throws.
         *
         * @return the started request; end it exactly once
         */
        public ServerExchange start() {
            return new ServerExchange(
                    this, RequestIds.accept(incomingRequestId, http.obs().masker()));
        }
    }
}
