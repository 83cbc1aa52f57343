package io.escalation.obs.examples;

import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.business.BusinessSpans;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.endpoint.ObsHttpEndpoint;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.RedisMetrics;
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.errors.SentrySettings;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.HttpServerFilter;
import io.escalation.obs.llm.BudgetPeriod;
import io.escalation.obs.llm.LlmBudget;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.logging.ObsLogging;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example client-escalation-calls service, running: its API ({@link AppApi}) on the app port
 * behind obs-http's filter, {@code /metrics} and {@code /health} on the metrics port, loopback
 * stand-ins for Twilio, SendGrid, Stripe, OpenAI and Anthropic ({@link ExternalApis}), periodic
 * jobs, and seeded traffic ({@link Traffic}) calling the API over real HTTP. Every module records:
 * obs-http, obs-db, obs-business, obs-llm, obs-memory-rag, obs-security and obs-tcpa
 * ({@link Compliance}), obs-logging (JSON logs and audit files), obs-errors
 * (Sentry, when {@code SENTRY_DSN} is set), and spans go to the OpenTelemetry SDK ({@link Tracing}).
 * {@link CoreDemo#main} runs one until its duration is over; tests start one on free ports.
 *
 * <pre>{@code
 * try (ExampleService service = ExampleService.start("127.0.0.1", 0, Duration.ofSeconds(30), 42)) {
 *     scrape("http://127.0.0.1:" + service.port() + "/metrics");
 * }
 * }</pre>
 */
public final class ExampleService implements AutoCloseable {

    static final String SERVICE = "client-escalation-calls";
    /** One request every 20 ms at most: enough for every dashboard panel to have data within seconds. */
    static final Duration PACE = Duration.ofMillis(20);

    static final String[] PEERS = {"twilio", "sendgrid", "stripe", "openai", "anthropic"};

    /** This build's version, what {@code app_build_info} reports unless {@code APP_VERSION} says otherwise. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    private static final Logger log = LoggerFactory.getLogger(ExampleService.class);

    /** What to close, last started first. */
    private final Deque<AutoCloseable> resources;

    private final ObsHttpEndpoint endpoint;
    private final HttpServer app;
    private final Thread traffic;
    private final AtomicLong sent;

    private ExampleService(
            Deque<AutoCloseable> resources, ObsHttpEndpoint endpoint, HttpServer app, Thread traffic, AtomicLong sent) {
        this.resources = resources;
        this.endpoint = endpoint;
        this.app = app;
        this.traffic = traffic;
        this.sent = sent;
    }

    /**
     * Starts serving {@code /metrics} on {@code host:port}, the API on a free port, and traffic.
     *
     * @param host the address to listen on, e.g. {@code "0.0.0.0"} or {@code "127.0.0.1"}
     * @param port the metrics port, 0 for a free one (see {@link #port()})
     * @param duration how long the traffic runs; {@link Duration#ZERO} for until {@link #close()}
     * @param seed the traffic's and the simulation's seed, so that runs are reproducible
     * @return the running service
     * @throws IllegalStateException when a port cannot be bound
     */
    public static ExampleService start(String host, int port, Duration duration, long seed) {
        return start(host, port, 0, duration, seed);
    }

    /**
     * Starts serving {@code /metrics} on {@code host:port}, the API on {@code host:appPort}, and traffic.
     *
     * @param appPort the API's port, 0 for a free one (see {@link #appPort()})
     * @see #start(String, int, Duration, long)
     */
    public static ExampleService start(String host, int port, int appPort, Duration duration, long seed) {
        return start(host, port, appPort, duration, seed, null, null);
    }

    /**
     * Starts the service on the given database and Redis instead of the embedded defaults.
     *
     * @param databaseUrl a {@code jdbc:postgresql://host:port/db?user=...&password=...} URL; null for an
     *        embedded H2 database (PostgreSQL mode) in a temporary directory
     * @param redisUri a {@code redis://host:port} URI; null for an in-process map standing in for Redis
     * @see #start(String, int, Duration, long)
     */
    public static ExampleService start(
            String host,
            int port,
            int appPort,
            Duration duration,
            long seed,
            @Nullable String databaseUrl,
            @Nullable String redisUri) {
        return start(host, port, appPort, duration, seed, databaseUrl, redisUri, FaultSwitch.Mode.DEMO);
    }

    /** The same with the faults of {@code faults} ({@code --faults}): the demo's, or none. */
    static ExampleService start(
            String host,
            int port,
            int appPort,
            Duration duration,
            long seed,
            @Nullable String databaseUrl,
            @Nullable String redisUri,
            FaultSwitch.Mode faults) {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(faults, "faults");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero (until closed) or positive, not " + duration);
        }
        // counted from when the traffic starts, after the database and the servers are up
        long trafficNanos = duration.isZero() ? Long.MAX_VALUE : duration.toNanos();
        return start(host, port, appPort, Long.MAX_VALUE, trafficNanos, seed, databaseUrl, redisUri, faults);
    }

    /** Starts a service whose traffic is exactly {@code requests} requests, as fast as they are answered. */
    static ExampleService startForRequests(long requests, long seed) {
        return startForRequests(requests, seed, null, null);
    }

    /** The same on the given database and Redis (null: the embedded defaults). */
    static ExampleService startForRequests(
            long requests, long seed, @Nullable String databaseUrl, @Nullable String redisUri) {
        return start("127.0.0.1", 0, 0, requests, Long.MAX_VALUE, seed, databaseUrl, redisUri, FaultSwitch.Mode.DEMO);
    }

    /** Exactly {@code requests} requests with the faults of {@code faults}, on the embedded defaults. */
    static ExampleService startForRequests(long requests, long seed, FaultSwitch.Mode faults) {
        return start("127.0.0.1", 0, 0, requests, Long.MAX_VALUE, seed, null, null, faults);
    }

    private static ExampleService start(
            String host,
            int port,
            int appPort,
            long requests,
            long trafficNanos,
            long seed,
            @Nullable String databaseUrl,
            @Nullable String redisUri,
            FaultSwitch.Mode faults) {
        Objects.requireNonNull(host, "host");
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return wire(
                    host,
                    port,
                    appPort,
                    requests,
                    trafficNanos,
                    seed,
                    databaseUrl,
                    redisUri,
                    new FaultSwitch(faults),
                    resources);
        } catch (RuntimeException | Error e) {
            Simulation.closeAll(resources);
            throw e;
        }
    }

    private static ExampleService wire(
            String host,
            int port,
            int appPort,
            long requests,
            long trafficNanos,
            long seed,
            @Nullable String databaseUrl,
            @Nullable String redisUri,
            FaultSwitch faults,
            Deque<AutoCloseable> resources) {
        OpenTelemetrySdk otel = Tracing.start(SERVICE, System.getenv());
        resources.push(otel);
        Observability obs = Observability.builder()
                .serviceName(SERVICE)
                .environment("development")
                .version(version(System.getenv()))
                .openTelemetry(otel)
                .uncaughtErrors(true) // a thread dying of an OOM: system_errors_total, and Sentry
                .build();
        resources.push(obs);
        ObsLogging.install(obs);
        ErrorReporter reporter = ErrorReporter.create(obs, SentrySettings.fromEnvironment(System.getenv()));
        resources.push(reporter);
        HealthChecks health = HealthChecks.create(obs);
        resources.push(health);

        HttpMetrics http = HttpMetrics.builder(obs).peers(PEERS).build();
        DbMetrics db = DbMetrics.builder(obs)
                .slowQueryThreshold(Duration.ofMillis(500))
                .build();
        Database database = Database.open(databaseUrl);
        resources.push(database);
        RedisMetrics redisMetrics = RedisMetrics.create(obs);
        Cache cache = redisUri == null ? Cache.inProcess(redisMetrics) : Cache.redis(redisMetrics, redisUri);
        resources.push(cache);
        LlmMetrics llm = LlmMetrics.builder(obs)
                .budget(LlmBudget.builder(new BigDecimal("500"))
                        .period(BudgetPeriod.DAY)
                        .warnAt(0.8))
                .build();
        byte[] hashKey = auditHashKey(System.getenv());
        // the audit key hashes span ids too: kinds ("payment", "consumer") keep their hashes apart
        BusinessSpans spans = BusinessSpans.builder(obs).idHashKey(hashKey).build();
        AppApi.Parts parts = Simulation.start(
                obs, http, db, llm, health, spans, hashKey, reporter, database, cache, faults, seed, resources);

        HttpServer app = bindApp(host, appPort);
        ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("example-api"));
        app.createContext("/", new AppApi(parts)).getFilters().add(HttpServerFilter.create(http, parts.router));
        // the fault switch: not API traffic, so not behind the filter and not in http_requests_total
        app.createContext(FaultSwitch.HTTP_ERRORS, faults.admin());
        app.setExecutor(handlers);
        app.start();
        resources.push(handlers::shutdownNow);
        resources.push(() -> app.stop(0));

        // served once every meter and health check is registered: the first scrape sees them all
        ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host(host)
                .port(port)
                .health(health)
                .start();
        resources.push(endpoint);

        String apiHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        String base = "http://" + (apiHost.contains(":") ? "[" + apiHost + "]" : apiHost) + ":"
                + app.getAddress().getPort();
        AtomicLong sent = new AtomicLong();
        long deadline = trafficNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + trafficNanos;
        Thread traffic = new Thread(
                () -> {
                    Traffic users = new Traffic(base, seed, faults.demo());
                    try {
                        users.run(requests, requests == Long.MAX_VALUE ? PACE : Duration.ZERO, deadline);
                    } catch (InterruptedException closed) {
                        Thread.currentThread().interrupt();
                    } finally {
                        sent.set(users.sent());
                    }
                },
                "example-traffic");
        traffic.setDaemon(true);
        traffic.start();
        log.info(
                "serving http://{}:{}/metrics and /health; the API on http://{}:{}/api/v1; faults: {}",
                host,
                endpoint.port(),
                host,
                app.getAddress().getPort(),
                faults.mode().name().toLowerCase(java.util.Locale.ROOT));
        return new ExampleService(resources, endpoint, app, traffic, sent);
    }

    /** The version {@code app_build_info} reports: {@code APP_VERSION} (a deployment sets it), else {@link #VERSION}. */
    static String version(java.util.Map<String, String> env) {
        String configured = env.get("APP_VERSION");
        return configured == null || configured.isBlank() ? VERSION : configured.strip();
    }

    /** The audit events' HMAC key: {@code OBS_AUDIT_HASH_KEY} (32 bytes or more), else random for this process. */
    static byte[] auditHashKey(java.util.Map<String, String> env) {
        String configured = env.get("OBS_AUDIT_HASH_KEY");
        if (configured != null && !configured.isBlank()) {
            byte[] key = configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalArgumentException("OBS_AUDIT_HASH_KEY must be at least 32 bytes (e.g. openssl rand"
                        + " -hex 32), was " + key.length);
            }
            return key;
        }
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    private static HttpServer bindApp(String host, int appPort) {
        try {
            return HttpServer.create(new InetSocketAddress(host, appPort), 0);
        } catch (BindException e) {
            throw new IllegalStateException(
                    "the app port " + host + ":" + appPort + " is already in use: stop what"
                            + " listens there or pass --app-port with a free port",
                    e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + appPort + ": " + e.getMessage(), e);
        }
    }

    static void registerHealthChecks(HealthChecks health, Backend backend, HttpClient client, ExternalApis apis) {
        health.register(
                "database",
                Duration.ofSeconds(2),
                () -> backend.poolHealthy() ? HealthResult.up() : HealthResult.down("connection pool exhausted"));
        health.register(
                "redis",
                Duration.ofSeconds(1),
                () -> !backend.redisPing()
                        ? HealthResult.down("no PONG")
                        : backend.cache().isServer()
                                ? HealthResult.up()
                                : HealthResult.up("no Redis server: in-process map"));
        health.register("qdrant", Duration.ofSeconds(2), () -> HealthResult.up("collection customer_interactions"));
        for (String api : new String[] {"twilio", "stripe", "openai"}) {
            health.register(api, Duration.ofSeconds(3), false, () -> {
                int status = client.send(
                                HttpRequest.newBuilder(URI.create(apis.url(api) + "/health"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                return status == 200 ? HealthResult.up() : HealthResult.down(api + " answered " + status);
            });
        }
        health.register("disk", Duration.ofSeconds(1), () -> {
            long free = Files.getFileStore(Path.of(".")).getUsableSpace();
            return free > 100L * 1024 * 1024 ? HealthResult.up() : HealthResult.down("less than 100 MiB free");
        });
        health.register(
                "task_queue",
                Duration.ofSeconds(1),
                () -> backend.pending.size() < 10_000
                        ? HealthResult.up()
                        : HealthResult.down(backend.pending.size() + " tasks waiting"));
        health.runEvery(Duration.ofSeconds(15)); // health_check_* stay current between /health requests
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The metrics port actually bound. */
    public int port() {
        return endpoint.port();
    }

    /** The API port actually bound. */
    public int appPort() {
        return app.getAddress().getPort();
    }

    /** Requests the traffic sent, once it has finished. */
    long requestsSent() {
        return sent.get();
    }

    /**
     * Waits until the traffic has run its duration.
     *
     * @return whether it finished within {@code timeout}
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitTraffic(Duration timeout) throws InterruptedException {
        traffic.join(Math.max(1, timeout.toMillis()));
        return !traffic.isAlive();
    }

    /** Stops the traffic, then the servers (their ports are free when this returns), then the meters and the SDK. */
    @Override
    public void close() {
        Simulation.stop(traffic, resources);
    }
}
