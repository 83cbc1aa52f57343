package io.escalation.obs.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * What the example service gets wrong on purpose. With {@link Mode#DEMO} ({@code --faults demo},
 * the default) the service meets the faults the README lists, so that every dashboard panel and
 * alert query has something to show: slow queries, deadlocks, pool exhaustion, a Redis
 * {@code WRONGTYPE}, LLM errors, declined cards, 502s, contacts blocked by the TCPA check,
 * customers replying STOP, failed-login bursts, 403s, injection attempts, 404s and 400s. With
 * {@link Mode#NONE} ({@code --faults none}) it meets none of them: every request of the traffic
 * generator succeeds, and no shipped alert has a reason to fire.
 *
 * <p>In either mode an error burst can be started at run time, on the API port:
 * {@code POST /admin/faults/http-errors?ratio=R} makes the share {@code R} (0 to 1) of the API's
 * requests answer 500 through obs-http's filter, so {@code http_requests_total{status="500"}}
 * counts them; {@code ratio=0} ends the burst. The admin path itself is not behind the filter and
 * is not counted.
 */
final class FaultSwitch {

    /** The admin path that sets the share of API requests answered with an injected 500. */
    static final String HTTP_ERRORS = "/admin/faults/http-errors";

    /** The {@code --faults} values. */
    enum Mode {
        /** No deliberate fault. */
        NONE,
        /** The faults that give the dashboards and alerts data (the default). */
        DEMO;

        /** The mode named {@code name} ({@code none} or {@code demo}). */
        static Mode of(String name) {
            for (Mode mode : values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("--faults takes none or demo, not " + name);
        }
    }

    private final Mode mode;
    private volatile double httpErrorRatio;

    FaultSwitch(Mode mode) {
        this.mode = mode;
    }

    /** Whether the service meets the demo's faults. */
    boolean demo() {
        return mode == Mode.DEMO;
    }

    Mode mode() {
        return mode;
    }

    /** The share of API requests answered with an injected 500 now. */
    double httpErrorRatio() {
        return httpErrorRatio;
    }

    /** Whether this API request is one of the error burst's: answered 500 without being handled. */
    boolean injectHttpError() {
        double ratio = httpErrorRatio;
        return ratio > 0 && (ratio >= 1 || ThreadLocalRandom.current().nextDouble() < ratio);
    }

    /** The handler of {@value #HTTP_ERRORS}: POST with {@code ratio} from 0 to 1. */
    HttpHandler admin() {
        return this::handleAdmin;
    }

    private void handleAdmin(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals(HTTP_ERRORS)) {
                reply(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, "{\"error\":\"POST " + HTTP_ERRORS + "?ratio=0..1\"}");
                return;
            }
            @Nullable Double ratio = ratio(exchange.getRequestURI().getRawQuery());
            if (ratio == null) {
                reply(exchange, 400, "{\"error\":\"ratio must be a number from 0 to 1\"}");
                return;
            }
            httpErrorRatio = ratio;
            reply(exchange, 200, "{\"http_errors_ratio\":" + ratio + "}");
        }
    }

    /** The {@code ratio} parameter of {@code query} when it is a number from 0 to 1, else null. */
    static @Nullable Double ratio(@Nullable String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("ratio=")) {
                try {
                    double ratio = Double.parseDouble(pair.substring("ratio=".length()));
                    return ratio >= 0 && ratio <= 1 ? ratio : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
