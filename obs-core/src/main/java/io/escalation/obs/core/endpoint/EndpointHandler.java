package io.escalation.obs.core.endpoint;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthReport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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

    private final PrometheusMeterRegistry prometheus;
    private final @Nullable HealthChecks health;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    EndpointHandler(PrometheusMeterRegistry prometheus, @Nullable HealthChecks health) {
        this.prometheus = prometheus;
        this.health = health;
    }

    /** Requests being answered right now. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try {
            serve(exchange);
        } catch (IOException e) {
            log.debug("obs: could not answer {} {}: the client went away", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
        } catch (RuntimeException | Error e) {
            fail(exchange, e);
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean known = "/metrics".equals(path) || "/health".equals(path) || "/health/live".equals(path);
        if (!known) {
            respond(exchange, 404, PLAIN, utf8("not found: this endpoint serves /metrics, /health and"
                    + " /health/live\n"), null);
            return;
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, PLAIN, utf8("method " + method + " not allowed: use GET or HEAD\n"), null);
            return;
        }
        switch (path) {
            case "/metrics":
                metrics(exchange);
                break;
            case "/health":
                if (health == null) {
                    respond(exchange, 200, JSON, NO_CHECKS, "Accept-Encoding");
                } else {
                    HealthReport report = health.runAll();
                    respond(exchange, report.httpStatus(), JSON, utf8(report.toJson()), "Accept-Encoding");
                }
                break;
            default:
                respond(exchange, 200, JSON, LIVE, "Accept-Encoding");
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String contentType = wantsOpenMetrics(exchange.getRequestHeaders()) ? OPENMETRICS : PROMETHEUS_TEXT;
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        prometheus.scrape(body, contentType);
        respond(exchange, 200, contentType, body.toByteArray(), "Accept, Accept-Encoding");
    }

    private static boolean wantsOpenMetrics(Headers headers) {
        List<String> accept = headers.get("Accept");
        if (accept != null) {
            for (String value : accept) {
                if (value.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code Accept-Encoding} lists gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(@Nullable List<String> acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String header : acceptEncoding) {
            for (String item : header.split(",")) {
                String[] parts = item.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                if (!"gzip".equals(coding) && !"x-gzip".equals(coding) && !"*".equals(coding)) {
                    continue;
                }
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim().toLowerCase(Locale.ROOT);
                    if (param.startsWith("q=") && param.substring(2).trim().matches("0(\\.0{0,3})?")) {
                        refused = true;
                    }
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
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
        if (body.length > 0 && acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"))) {
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
