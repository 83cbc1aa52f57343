package io.escalation.obs.core.endpoint;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.escalation.obs.core.health.HealthReport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes {@code /metrics}, {@code /health} and {@code /health/live}; never lets an exception escape. */
final class EndpointHandler implements HttpHandler {

    /** Same value as the Prometheus client's {@code OpenMetricsTextFormatWriter.CONTENT_TYPE}. */
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** Same value as the Prometheus client's {@code PrometheusTextFormatWriter.CONTENT_TYPE}. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String JSON = "application/json";
    static final String PLAIN = "text/plain; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(ObsHttpEndpoint.class);
    private static final byte[] NO_CHECKS = utf8("{\"status\":\"UP\",\"checks\":{}}");
    private static final byte[] LIVE = utf8("{\"status\":\"UP\"}");
    /** The most requests waiting for a health run in flight; more get the last report (or a 503) at once. */
    static final int MAX_WAITING = 64;

    private final PrometheusMeterRegistry prometheus;
    private final @Nullable HealthCache health;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();

    EndpointHandler(PrometheusMeterRegistry prometheus, @Nullable HealthCache health) {
        this.prometheus = prometheus;
        this.health = health;
    }

    /** Requests being answered right now, including those waiting for a health run. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        boolean answeredLater = false;
        try {
            answeredLater = serve(exchange);
        } catch (IOException e) {
            log.debug("obs: could not answer {} {}: the client went away", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);   // the path only: a query string may carry PII
        } catch (RuntimeException | Error e) {
            fail(exchange, e);
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
        } finally {
            if (!answeredLater) {
                exchange.close();
                inFlight.decrementAndGet();
            }
        }
    }

    /** Answers the request, or returns true when it waits for a health run that will answer it. */
    private boolean serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean known = "/metrics".equals(path) || "/health".equals(path) || "/health/live".equals(path);
        if (!known) {
            respond(exchange, 404, PLAIN, utf8("not found: this endpoint serves /metrics, /health and"
                    + " /health/live\n"), null);
            return false;
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, PLAIN, utf8("method " + method + " not allowed: use GET or HEAD\n"), null);
            return false;
        }
        switch (path) {
            case "/metrics":
                metrics(exchange);
                break;
            case "/health":
                return health(exchange);
            default:
                respond(exchange, 200, JSON, LIVE, "Accept-Encoding");
        }
        return false;
    }

    /**
     * Serves a report young enough, or leads a new run of the checks on this thread, or waits for the
     * run in flight without holding a thread: at most one HTTP thread waits on the checks at a time,
     * so {@code /metrics} stays responsive while a check hangs.
     */
    private boolean health(HttpExchange exchange) throws IOException {
        if (health == null) {
            respond(exchange, 200, JSON, NO_CHECKS, "Accept-Encoding");
            return false;
        }
        HealthCache.Ticket ticket = health.take();
        if (ticket.ready != null) {
            respondHealth(exchange, ticket.ready);
            return false;
        }
        if (ticket.leads) {
            respondHealth(exchange, health.run(ticket));
            return false;
        }
        CompletableFuture<HealthReport> run = Objects.requireNonNull(ticket.run);
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            if (ticket.previous != null) {
                respondHealth(exchange, ticket.previous);
            } else {
                exchange.getResponseHeaders().set("Retry-After", "1");
                respond(exchange, 503, PLAIN, utf8("the first health run is still in progress: retry shortly\n"),
                        null);
            }
            return false;
        }
        run.whenComplete((report, error) -> answerJoined(exchange, report, error));
        return true;
    }

    /** Answers a request that joined a health run; runs on the thread that completed the run. */
    private void answerJoined(HttpExchange exchange, @Nullable HealthReport report, @Nullable Throwable error) {
        waiting.decrementAndGet();
        try {
            if (report != null) {
                respondHealth(exchange, report);
            } else {
                fail(exchange, error != null ? error : new IllegalStateException("health run ended without a report"));
            }
        } catch (IOException e) {
            log.debug("obs: could not answer {} {}: the client went away", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);
        } catch (RuntimeException | Error e) {
            fail(exchange, e);   // not rethrown: this thread still has other requests to answer
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    private static void respondHealth(HttpExchange exchange, HealthReport report) throws IOException {
        respond(exchange, report.httpStatus(), JSON, utf8(report.toJson()), "Accept-Encoding");
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String contentType = Negotiation.wantsOpenMetrics(exchange.getRequestHeaders().get("Accept"))
                ? OPENMETRICS : PROMETHEUS_TEXT;
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        prometheus.scrape(body, contentType);
        respond(exchange, 200, contentType, body.toByteArray(), "Accept, Accept-Encoding");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body,
            @Nullable String vary) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        if (vary != null) {
            headers.set("Vary", vary);
        }
        byte[] payload = body;
        if (body.length > 0 && Negotiation.acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"))) {
            payload = gzip(body);
            headers.set("Content-Encoding", "gzip");
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            headers.set("Content-Length", Integer.toString(payload.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(payload);
        }
    }

    private void fail(HttpExchange exchange, Throwable e) {
        if (failureLogged.compareAndSet(false, true)) {
            log.warn("obs: {} {} failed; answering 500 (later failures are logged at DEBUG)",
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        } else {
            log.debug("obs: {} {} failed; answering 500", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);
        }
        if (exchange.getResponseCode() != -1) {
            return;   // headers are out: closing the exchange is all that is left
        }
        try {
            exchange.getResponseHeaders().remove("Content-Encoding");
            exchange.getResponseHeaders().remove("Allow");
            respondPlain(exchange, 500, utf8("internal error: see the service log\n"));
        } catch (IOException | RuntimeException ignored) {
            // the client is gone or the exchange is broken: nothing more to do
        }
    }

    private static void respondPlain(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", PLAIN);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
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
