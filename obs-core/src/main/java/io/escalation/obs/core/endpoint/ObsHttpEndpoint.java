package io.escalation.obs.core.endpoint;

import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.internal.DaemonThreads;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP server for scrapers and orchestrators, on the JDK's built-in
 * {@code com.sun.net.httpserver} with four daemon threads.
 *
 * <pre>{@code
 * try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
 *         .port(9090)                 // default 9090; 0 picks a free port
 *         .health(healthChecks)       // optional
 *         .healthCacheFor(Duration.ofSeconds(1))   // default 1 s; Duration.ZERO runs the checks per request
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus scrape; OpenMetrics 1.0.0 when the {@code Accept} header
 *       asks for {@code application/openmetrics-text}, else the text format 0.0.4.</li>
 *   <li>{@code GET /health}: the health checks' JSON report with 200 when UP, 503 when DOWN.
 *       Requests arriving while the checks run share that run, and a report younger than
 *       {@link Builder#healthCacheFor} is served as is, so clients cannot make the service probe its
 *       dependencies at will. One HTTP thread at most waits for the checks; other requests wait for
 *       the same run without a thread, so {@code /metrics} answers even while a check hangs.
 *       Without {@link Builder#health} it is always {@code {"status":"UP","checks":{}}}.</li>
 *   <li>{@code GET /health/live}: always 200 {@code {"status":"UP"}} while the process serves HTTP.</li>
 * </ul>
 *
 * <p>{@code HEAD} works on every path; responses are gzipped when the client sends
 * {@code Accept-Encoding: gzip}. Other paths answer 404, other methods 405.
 */
public final class ObsHttpEndpoint implements AutoCloseable {

    /** The seed's metrics port. */
    static final int DEFAULT_PORT = 9090;
    static final String DEFAULT_HOST = "0.0.0.0";
    /** The default of {@link Builder#healthCacheFor}. */
    static final Duration DEFAULT_HEALTH_CACHE = Duration.ofSeconds(1);
    static final Duration MAX_HEALTH_CACHE = Duration.ofHours(1);
    /** One may wait for the health checks; the others keep serving {@code /metrics}. */
    private static final int THREADS = 4;
    private static final int QUEUE = 64;
    private static final int STOP_DELAY_SECONDS = 1;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final EndpointHandler handler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ObsHttpEndpoint(HttpServer server, ThreadPoolExecutor executor, EndpointHandler handler) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
    }

    /** Starts configuring an endpoint serving {@code obs}'s Prometheus registry. */
    public static Builder builder(Observability obs) {
        return new Builder(Objects.requireNonNull(obs, "obs"));
    }

    /** The port actually bound, useful after {@code .port(0)}. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Stops listening (the port is free when this returns), lets requests in progress finish for up
     * to a second, then stops the threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // JDK 17's stop(delay) waits the whole delay even when idle, so only wait when a request is running
        server.stop(handler.inFlight() > 0 ? STOP_DELAY_SECONDS : 0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ObsHttpEndpoint" + server.getAddress();
    }

    /** Configures an {@link ObsHttpEndpoint}; {@link #start()} binds the port. */
    public static final class Builder {
        private final Observability obs;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private @Nullable HealthChecks health;
        private Duration healthCache = DEFAULT_HEALTH_CACHE;

        private Builder(Observability obs) {
            this.obs = obs;
        }

        /** The address to listen on; default {@code "0.0.0.0"} (all interfaces). */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("ObsHttpEndpoint host must not be blank: use e.g. \"0.0.0.0\""
                        + " for all interfaces or \"127.0.0.1\" for loopback only");
            }
            this.host = host;
            return this;
        }

        /** The port; default 9090; 0 picks a free one (read it back with {@link ObsHttpEndpoint#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("ObsHttpEndpoint port " + port + " is out of range: use"
                        + " 1-65535, e.g. 9090, or 0 for a free port");
            }
            this.port = port;
            return this;
        }

        /** The checks {@code /health} runs; without them {@code /health} reports UP with no checks. */
        public Builder health(HealthChecks health) {
            this.health = Objects.requireNonNull(health, "health");
            return this;
        }

        /**
         * How long a finished health report is served as is before a request runs the checks again;
         * default 1 s. {@link Duration#ZERO} runs them for every request (concurrent requests still
         * share a run in flight).
         *
         * @param refresh 0 to 1 hour
         * @throws IllegalArgumentException naming what to change
         */
        public Builder healthCacheFor(Duration refresh) {
            Objects.requireNonNull(refresh, "refresh");
            if (refresh.isNegative() || refresh.compareTo(MAX_HEALTH_CACHE) > 0) {
                throw new IllegalArgumentException("ObsHttpEndpoint healthCacheFor " + refresh + " must be between"
                        + " 0 and 1h: pass e.g. Duration.ofSeconds(1), or Duration.ZERO to run the checks for every"
                        + " request");
            }
            this.healthCache = refresh;
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @throws IllegalStateException when the Observability has no Prometheus registry or the
         *     port is busy, naming what to change
         * @throws IllegalArgumentException when the host cannot be resolved
         */
        public ObsHttpEndpoint start() {
            PrometheusMeterRegistry prometheus = obs.prometheusRegistry().orElseThrow(() ->
                    new IllegalStateException("ObsHttpEndpoint serves /metrics from a PrometheusMeterRegistry,"
                            + " but this Observability has none: build it without .meterRegistry(...) for the"
                            + " embedded one, or pass a CompositeMeterRegistry that holds one"));
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("ObsHttpEndpoint host '" + host + "' cannot be resolved:"
                        + " change .host(...), e.g. \"0.0.0.0\" or \"127.0.0.1\"");
            }
            HttpServer server = bind(address);
            ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), DaemonThreads.named("obs-http"));
            // when the queue is full the JDK server closes the new connection: load is shed, not queued
            server.setExecutor(executor);
            HealthChecks checks = health;
            EndpointHandler handler = new EndpointHandler(prometheus,
                    checks == null ? null : new HealthCache(checks, healthCache));
            server.createContext("/", handler);
            server.start();
            return new ObsHttpEndpoint(server, executor, handler);
        }

        private HttpServer bind(InetSocketAddress address) {
            String where = host + ":" + port;
            try {
                return HttpServer.create(address, 0);
            } catch (BindException e) {
                String reason = e.getMessage() == null ? "" : e.getMessage();
                if (reason.toLowerCase(Locale.ROOT).contains("in use")) {
                    throw new IllegalStateException("ObsHttpEndpoint cannot listen on " + where + ": the port is"
                            + " already in use; choose another with .port(...), or .port(0) for a free one", e);
                }
                throw new IllegalStateException("ObsHttpEndpoint cannot listen on " + where + " (" + reason
                        + "): change .host(...) to a local address or .port(...) to a permitted port", e);
            } catch (IOException e) {
                throw new IllegalStateException("ObsHttpEndpoint cannot listen on " + where + ": " + e.getMessage(),
                        e);
            }
        }
    }
}
