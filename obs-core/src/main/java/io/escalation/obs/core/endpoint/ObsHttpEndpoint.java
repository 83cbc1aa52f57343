package io.escalation.obs.core.endpoint;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.internal.DaemonThreads;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP server for scrapers and orchestrators: one non-blocking I/O thread and a few daemon
 * worker threads, with bounded connections and a deadline on every request head.
 *
 * <pre>{@code
 * try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
 *         .port(9090)                 // default 9090; 0 picks a free port
 *         .health(healthChecks)       // optional
 *         .healthCacheFor(Duration.ofSeconds(1))   // default 1 s; Duration.ZERO runs the checks per request
 *         .maxConnections(100)        // default 100; more are answered 503 and closed
 *         .readTimeout(Duration.ofSeconds(10))     // default 10 s for a request head to arrive
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
 * {@code Accept-Encoding: gzip}. Other paths answer 404, other methods 405, a malformed request 400,
 * each with a fixed body.
 *
 * <p>Limits: a client that sends part of a request, or none, holds a connection slot (never a thread)
 * until {@link Builder#readTimeout} and is then disconnected; at most {@link Builder#maxConnections}
 * connections are open; a request head is at most 8 KiB and 100 header lines (else 431); request
 * bodies are not read (the connection is closed after the answer). None of it needs a JVM-wide
 * system property.
 */
public final class ObsHttpEndpoint implements AutoCloseable {

    /** The reference architecture's metrics port. */
    static final int DEFAULT_PORT = 9090;

    static final String DEFAULT_HOST = "0.0.0.0";
    /** The default of {@link Builder#healthCacheFor}. */
    static final Duration DEFAULT_HEALTH_CACHE = Duration.ofSeconds(1);

    static final Duration MAX_HEALTH_CACHE = Duration.ofHours(1);
    /** The default of {@link Builder#threads}: one may wait for the health checks, the others serve {@code /metrics}. */
    static final int DEFAULT_THREADS = 4;

    static final int MAX_THREADS = 64;
    /** The default of {@link Builder#maxConnections}. */
    static final int DEFAULT_MAX_CONNECTIONS = 100;

    static final int MAX_CONNECTIONS = 10_000;
    /** The default of {@link Builder#readTimeout}: as long as Prometheus' default scrape timeout. */
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    static final Duration MIN_READ_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_READ_TIMEOUT = Duration.ofMinutes(5);
    private static final int STOP_DELAY_SECONDS = 1;

    private final EndpointServer server;
    private final ThreadPoolExecutor executor;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ObsHttpEndpoint(EndpointServer server, ThreadPoolExecutor executor, InetSocketAddress address) {
        this.server = server;
        this.executor = executor;
        this.address = address;
    }

    /**
     * Starts configuring an endpoint serving {@code obs}'s Prometheus registry.
     *
     * @param obs the Observability to serve
     * @return a builder with the defaults
     */
    public static Builder builder(Observability obs) {
        return new Builder(Objects.requireNonNull(obs, "obs"));
    }

    /**
     * The port actually bound, useful after {@code .port(0)}.
     *
     * @return the bound port
     */
    public int port() {
        return address.getPort();
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
        server.stop();
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ObsHttpEndpoint" + address;
    }

    /** Configures an {@link ObsHttpEndpoint}; {@link #start()} binds the port. */
    public static final class Builder {
        private final Observability obs;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private @Nullable HealthChecks health;
        private Duration healthCache = DEFAULT_HEALTH_CACHE;
        private int threads = DEFAULT_THREADS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;

        private Builder(Observability obs) {
            this.obs = obs;
        }

        /**
         * The address to listen on; default {@code "0.0.0.0"} (all interfaces).
         *
         * @param host the host name or address
         * @return this builder
         */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("ObsHttpEndpoint host must not be blank: use e.g. \"0.0.0.0\""
                        + " for all interfaces or \"127.0.0.1\" for loopback only");
            }
            this.host = host;
            return this;
        }

        /**
         * The port; default 9090; 0 picks a free one (read it back with {@link ObsHttpEndpoint#port()}).
         *
         * @param port the port, 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("ObsHttpEndpoint port " + port + " is out of range: use"
                        + " 1-65535, e.g. 9090, or 0 for a free port");
            }
            this.port = port;
            return this;
        }

        /**
         * The checks {@code /health} runs; without them {@code /health} reports UP with no checks.
         *
         * @param health the checks of the same Observability
         * @return this builder
         */
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
         * @return this builder
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
         * The worker threads that answer complete requests; default 4. At most one of them waits for
         * a health run at a time, so two or more keep {@code /metrics} answering while a check hangs.
         * Reading requests and writing responses never takes a worker.
         *
         * @param threads 2 to 64
         * @return this builder
         * @throws IllegalArgumentException naming what to change
         */
        public Builder threads(int threads) {
            if (threads < 2 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("ObsHttpEndpoint threads " + threads + " must be between 2 and "
                        + MAX_THREADS + ": pass e.g. 4 (one may wait for the health checks while the others serve"
                        + " /metrics)");
            }
            this.threads = threads;
            return this;
        }

        /**
         * The most connections open at once; default 100. A connection beyond it is answered
         * {@code 503} with {@code Retry-After: 1} and closed at once, never queued.
         *
         * @param maxConnections 1 to 10000
         * @return this builder
         * @throws IllegalArgumentException naming what to change
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
                throw new IllegalArgumentException("ObsHttpEndpoint maxConnections " + maxConnections + " must be"
                        + " between 1 and " + MAX_CONNECTIONS + ": pass e.g. 100");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * How long a connection may take to deliver a whole request head, counted from when it opens
         * or from the end of the previous response on a kept-alive connection; default 10 s. A slower
         * connection is closed without an answer. A response the client does not read for this long
         * is abandoned too.
         *
         * @param readTimeout 100 ms to 5 minutes
         * @return this builder
         * @throws IllegalArgumentException naming what to change
         */
        public Builder readTimeout(Duration readTimeout) {
            Objects.requireNonNull(readTimeout, "readTimeout");
            if (readTimeout.compareTo(MIN_READ_TIMEOUT) < 0 || readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
                throw new IllegalArgumentException("ObsHttpEndpoint readTimeout " + readTimeout + " must be between"
                        + " 100ms and 5min: pass e.g. Duration.ofSeconds(10)");
            }
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @return the running endpoint; close it to stop
         * @throws IllegalStateException when the Observability has no Prometheus registry or the
         *     port is busy, naming what to change
         * @throws IllegalArgumentException when the host cannot be resolved
         */
        public ObsHttpEndpoint start() {
            PrometheusMeterRegistry prometheus = obs.prometheusRegistry()
                    .orElseThrow(() ->
                            new IllegalStateException("ObsHttpEndpoint serves /metrics from a PrometheusMeterRegistry,"
                                    + " but this Observability has none: build it without .meterRegistry(...) for the"
                                    + " embedded one, or pass a CompositeMeterRegistry that holds one"));
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("ObsHttpEndpoint host '" + host + "' cannot be resolved:"
                        + " change .host(...), e.g. \"0.0.0.0\" or \"127.0.0.1\"");
            }
            ServerSocketChannel listener = bind(address);
            // each connection has at most one request in flight, so the queue never overflows
            ThreadPoolExecutor executor = new ThreadPoolExecutor(
                    threads,
                    threads,
                    0,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(maxConnections),
                    DaemonThreads.named("obs-http"));
            HealthChecks checks = health;
            EndpointHandler handler =
                    new EndpointHandler(prometheus, checks == null ? null : new HealthCache(checks, healthCache));
            try {
                EndpointServer server =
                        new EndpointServer(listener, executor, handler, maxConnections, readTimeout.toNanos());
                InetSocketAddress bound = (InetSocketAddress) listener.getLocalAddress();
                server.start();
                return new ObsHttpEndpoint(server, executor, bound);
            } catch (IOException e) {
                executor.shutdownNow();
                closeQuietly(listener);
                throw new IllegalStateException(
                        "ObsHttpEndpoint cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }

        private static void closeQuietly(ServerSocketChannel listener) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }

        private ServerSocketChannel bind(InetSocketAddress address) {
            String where = host + ":" + port;
            ServerSocketChannel listener;
            try {
                listener = ServerSocketChannel.open();
            } catch (IOException e) {
                throw new IllegalStateException("ObsHttpEndpoint cannot open a socket: " + e.getMessage(), e);
            }
            try {
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, true); // rebind while old connections linger
                return listener.bind(address, 0);
            } catch (BindException e) {
                closeQuietly(listener);
                String reason = e.getMessage() == null ? "" : e.getMessage();
                if (reason.toLowerCase(Locale.ROOT).contains("in use")) {
                    throw new IllegalStateException(
                            "ObsHttpEndpoint cannot listen on " + where + ": the port is"
                                    + " already in use; choose another with .port(...), or .port(0) for a free one",
                            e);
                }
                throw new IllegalStateException(
                        "ObsHttpEndpoint cannot listen on " + where + " (" + reason
                                + "): change .host(...) to a local address or .port(...) to a permitted port",
                        e);
            } catch (IOException e) {
                closeQuietly(listener);
                throw new IllegalStateException("ObsHttpEndpoint cannot listen on " + where + ": " + e.getMessage(), e);
            }
        }
    }
}
