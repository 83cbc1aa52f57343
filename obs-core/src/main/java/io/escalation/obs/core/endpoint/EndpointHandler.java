package io.escalation.obs.core.endpoint;

import io.escalation.obs.core.health.HealthReport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes {@code /metrics}, {@code /health} and {@code /health/live}; never lets an exception escape. */
final class EndpointHandler {

    /** Same value as the Prometheus client's {@code OpenMetricsTextFormatWriter.CONTENT_TYPE}. */
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** Same value as the Prometheus client's {@code PrometheusTextFormatWriter.CONTENT_TYPE}. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static final String JSON = "application/json";
    static final String PLAIN = "text/plain; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(ObsHttpEndpoint.class);
    private static final byte[] NO_CHECKS = utf8("{\"status\":\"UP\",\"checks\":{}}");
    private static final byte[] LIVE = utf8("{\"status\":\"UP\"}");
    private static final byte[] NOT_FOUND =
            utf8("not found: this endpoint serves /metrics, /health and /health/live\n");
    private static final byte[] INTERNAL_ERROR = utf8("internal error: see the service log\n");
    private static final byte[] NOT_ALLOWED = utf8("method not allowed: use GET or HEAD\n");
    /** The most requests waiting for a health run in flight; more get the last report (or a 503) at once. */
    static final int MAX_WAITING = 64;

    private final PrometheusMeterRegistry prometheus;
    private final @Nullable HealthCache health;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicInteger waiting = new AtomicInteger();

    EndpointHandler(PrometheusMeterRegistry prometheus, @Nullable HealthCache health) {
        this.prometheus = prometheus;
        this.health = health;
    }

    /** Answers one request, now or, when it joins a health run, once the run is done. */
    void handle(Exchange exchange) {
        try {
            serve(exchange);
        } catch (IOException | RuntimeException | Error e) {
            fail(exchange, e);
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        }
    }

    private void serve(Exchange exchange) throws IOException {
        String path = exchange.request.path;
        boolean known = "/metrics".equals(path) || "/health".equals(path) || "/health/live".equals(path);
        if (!known) {
            respond(exchange, 404, PLAIN, NOT_FOUND, null);
            return;
        }
        String method = exchange.request.method;
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.headers.put("Allow", "GET, HEAD");
            respond(exchange, 405, PLAIN, NOT_ALLOWED, null); // never the method itself: the caller chose it
            return;
        }
        switch (path) {
            case "/metrics" -> metrics(exchange);
            case "/health" -> health(exchange);
            default -> respond(exchange, 200, JSON, LIVE, "Accept-Encoding");
        }
    }

    /**
     * Serves a report young enough, or leads a new run of the checks on this thread, or waits for the
     * run in flight without holding a thread: at most one HTTP thread waits on the checks at a time,
     * so {@code /metrics} stays responsive while a check hangs.
     */
    private void health(Exchange exchange) throws IOException {
        if (health == null) {
            respond(exchange, 200, JSON, NO_CHECKS, "Accept-Encoding");
            return;
        }
        HealthCache.Ticket ticket = health.take();
        if (ticket.ready != null) {
            respondHealth(exchange, ticket.ready);
            return;
        }
        if (ticket.leads) {
            respondHealth(exchange, health.run(ticket));
            return;
        }
        CompletableFuture<HealthReport> run = Objects.requireNonNull(ticket.run);
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            if (ticket.previous != null) {
                respondHealth(exchange, ticket.previous);
            } else {
                exchange.headers.put("Retry-After", "1");
                respond(exchange, 503, PLAIN, utf8("the first health run is still in progress: retry shortly\n"), null);
            }
            return;
        }
        run.whenComplete((report, error) -> answerJoined(exchange, report, error));
    }

    /** Answers a request that joined a health run; runs on the thread that completed the run. */
    private void answerJoined(Exchange exchange, @Nullable HealthReport report, @Nullable Throwable error) {
        waiting.decrementAndGet();
        try {
            if (report != null) {
                respondHealth(exchange, report);
            } else {
                fail(exchange, error != null ? error : new IllegalStateException("health run ended without a report"));
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(exchange, e); // not rethrown: this thread still has other requests to answer
        }
    }

    private static void respondHealth(Exchange exchange, HealthReport report) throws IOException {
        respond(exchange, report.httpStatus(), JSON, utf8(report.toJson()), "Accept-Encoding");
    }

    private void metrics(Exchange exchange) throws IOException {
        String contentType = Negotiation.wantsOpenMetrics(exchange.request.accept) ? OPENMETRICS : PROMETHEUS_TEXT;
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        prometheus.scrape(body, contentType);
        respond(exchange, 200, contentType, body.toByteArray(), "Accept, Accept-Encoding");
    }

    /** Sends the response; gzipped when the client accepts it; HEAD gets the headers only. */
    private static void respond(Exchange exchange, int status, String contentType, byte[] body, @Nullable String vary)
            throws IOException {
        Map<String, String> headers = exchange.headers;
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", "no-store");
        if (vary != null) {
            headers.put("Vary", vary);
        }
        byte[] payload = body;
        if (body.length > 0 && Negotiation.acceptsGzip(exchange.request.acceptEncoding)) {
            payload = gzip(body);
            headers.put("Content-Encoding", "gzip");
        }
        exchange.send(status, payload);
    }

    private void fail(Exchange exchange, Throwable e) {
        // the path only: a query string may carry PII
        if (failureLogged.compareAndSet(false, true)) {
            log.warn(
                    "obs: {} {} failed; answering 500 (later failures are logged at DEBUG)",
                    exchange.request.method,
                    exchange.request.path,
                    e);
        } else {
            log.debug("obs: {} {} failed; answering 500", exchange.request.method, exchange.request.path, e);
        }
        exchange.headers.clear();
        exchange.headers.put("Content-Type", PLAIN);
        exchange.send(500, INTERNAL_ERROR); // ignored when the response is already out
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
