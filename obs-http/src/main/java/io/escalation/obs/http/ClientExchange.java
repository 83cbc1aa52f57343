package io.escalation.obs.http;

import io.escalation.obs.core.Observability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One outbound call in progress, with a CLIENT span (a child of the current context, not made
 * current) carrying {@code http.request.method}, {@code server.address}, {@code peer.service},
 * {@code http.response.status_code} and {@code error.type}. The URL is not recorded: paths of
 * external APIs hold account, message and customer ids. Ending twice records once.
 *
 * <pre>{@code
 * ClientExchange call = http.peer("stripe").start(HttpMethod.POST, "api.stripe.com");
 * call.injectHeaders(requestBuilder::header);   // traceparent
 * try { call.end(send(requestBuilder)); } catch (IOException e) { call.fail(e); throw e; }
 * }</pre>
 */
public final class ClientExchange {

    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");

    private final Peer peer;
    private final HttpMethod method;
    private final Span span;
    private final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();

    ClientExchange(Peer peer, HttpMethod method, @Nullable String serverAddress) {
        this.peer = peer;
        this.method = method;
        Observability obs = peer.http().obs();
        var builder = peer.http()
                .tracer()
                .spanBuilder(method == HttpMethod.OTHER ? "HTTP" : method.label())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(ServerExchange.METHOD, method.label())
                .setAttribute(PEER_SERVICE, peer.name());
        if (serverAddress != null) {
            String masked = obs.masker().mask(serverAddress);
            builder.setAttribute(SERVER_ADDRESS, masked == null ? "" : masked);
        }
        this.span = builder.startSpan();
        this.startNanos = System.nanoTime();
    }

    /**
     * The CLIENT span.
     *
     * @return the span of this call
     */
    public Span span() {
        return span;
    }

    /**
     * Writes the trace context headers ({@code traceparent}, ...) of this call with {@code header}.
     *
     * @param header called with each header name and value
     */
    public void injectHeaders(BiConsumer<String, String> header) {
        try {
            peer.http().propagator().inject(Context.current().with(span), header, (carrier, key, value) -> {
                if (carrier != null) {
                    carrier.accept(key, value);
                }
            });
        } catch (Throwable e) { // the caller's header setter
            peer.http().faults().callbackFailed(HttpCatalogue.CLIENT_REQUESTS, e);
        }
    }

    /**
     * Ends the call with the response's {@code status}; 4xx and 5xx are errors. Never throws.
     *
     * @param status the response status code
     */
    public void end(int status) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            peer.http().faults().guardInt(HttpCatalogue.CLIENT_REQUESTS, ClientExchange::recordEnd, this, status);
        } finally {
            span.end();
        }
    }

    /** Records a call answered with {@code status} in the meters and the span. May throw. */
    private void recordEnd(int status) {
        peer.record(method, status, System.nanoTime() - startNanos);
        if (Statuses.isValidCode(status)) {
            span.setAttribute(ServerExchange.STATUS_CODE, (long) status);
            if (status >= 400) {
                span.setAttribute(ServerExchange.ERROR_TYPE, Integer.toString(status));
                span.setStatus(StatusCode.ERROR);
            }
        }
    }

    /**
     * Ends the call that got no response because of {@code error}. Never throws.
     *
     * @param error why the call failed; null is recorded as {@code ERROR}
     */
    public void fail(@Nullable Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            peer.http().faults().guard(HttpCatalogue.CLIENT_REQUESTS, ClientExchange::recordFailure, this, error);
        } finally {
            span.end();
        }
    }

    /** Records a call that got no response because of {@code error} in the meters and the span. May throw. */
    @SuppressWarnings("try") // the scope is only closed
    private void recordFailure(@Nullable Throwable error) {
        int slot = Statuses.failureSlot(error);
        peer.recordSlot(method, slot, System.nanoTime() - startNanos);
        span.setAttribute(
                ServerExchange.ERROR_TYPE,
                error == null ? Statuses.label(slot) : error.getClass().getName());
        if (error != null) {
            try (Scope ignored = span.makeCurrent()) {
                peer.http().obs().spans().recordError(error);
            }
        } else {
            span.setStatus(StatusCode.ERROR);
        }
    }
}
