package io.escalation.obs.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.escalation.obs.business.BusinessSpans;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.RedisMetrics;
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.errors.SentrySettings;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.llm.LlmMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The example service's API, backend, health checks and jobs for a host that brings its own HTTP server,
 * database pool and obs wiring: the Spring Boot example ({@code examples/spring-boot}), whose controllers
 * hand each request of the {@link #ROUTES} to {@link #answer} and whose HikariCP pool is Boot's. The
 * same classes as {@link ExampleService}'s, with the demo's faults; what the host does not get is the
 * fault switch ({@code /admin/faults/http-errors}).
 */
public final class HostedService implements AutoCloseable {

    /** The API's route templates, as {@code http_requests_total}'s {@code endpoint} shows them. */
    public static final List<String> ROUTES = List.of(AppApi.ROUTES);

    private final Deque<AutoCloseable> resources;
    private final AppApi api;
    private final long seed;
    private final AtomicLong sent = new AtomicLong();
    private volatile @Nullable Thread traffic;

    private HostedService(Deque<AutoCloseable> resources, AppApi api, long seed) {
        this.resources = resources;
        this.api = api;
        this.seed = seed;
    }

    /**
     * Starts the loopback stand-ins of the external APIs, creates the tables in {@code pool}'s database,
     * registers the health checks in {@code health} and starts the periodic jobs.
     *
     * @param obs the host's observability; the facades not passed are {@code XxxMetrics.create(obs)}
     * @param http built with the peers {@code twilio}, {@code sendgrid}, {@code stripe}, {@code openai}, {@code anthropic}
     * @param spans built with {@code hashKey} as its id hash key
     * @param hashKey the audit events' and the spans' HMAC key, see {@link #auditHashKey()}
     * @param pool the host's pool, registered in {@code db_connections_*} by the host
     * @param seed the simulation's and the traffic's seed
     * @return the running service; {@link #close()} stops what it started, not the pool
     */
    public static HostedService start(
            Observability obs,
            HttpMetrics http,
            DbMetrics db,
            LlmMetrics llm,
            HealthChecks health,
            BusinessSpans spans,
            byte[] hashKey,
            HikariDataSource pool,
            long seed) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return wire(obs, http, db, llm, health, spans, hashKey.clone(), pool, seed, resources);
        } catch (RuntimeException | Error e) {
            Simulation.closeAll(resources);
            throw e;
        }
    }

    private static HostedService wire(
            Observability obs,
            HttpMetrics http,
            DbMetrics db,
            LlmMetrics llm,
            HealthChecks health,
            BusinessSpans spans,
            byte[] hashKey,
            HikariDataSource pool,
            long seed,
            Deque<AutoCloseable> resources) {
        FaultSwitch faults = new FaultSwitch(FaultSwitch.Mode.DEMO);
        ErrorReporter reporter = ErrorReporter.create(obs, SentrySettings.fromEnvironment(System.getenv()));
        resources.push(reporter);
        Cache cache = Cache.inProcess(RedisMetrics.create(obs));
        resources.push(cache);
        AppApi.Parts parts = Simulation.start(
                obs,
                http,
                db,
                llm,
                health,
                spans,
                hashKey,
                reporter,
                Database.hosted(pool),
                cache,
                faults,
                seed,
                resources);
        return new HostedService(resources, new AppApi(parts), seed);
    }

    /**
     * The audit events' and business spans' HMAC key, as the plain example's: {@code OBS_AUDIT_HASH_KEY} (32 bytes
     * or more), else random for this process.
     */
    public static byte[] auditHashKey() {
        return ExampleService.auditHashKey(System.getenv());
    }

    /** A status and a JSON body, what the host's server answers. */
    public record Response(int status, String body) {}

    /**
     * Answers one request of the API.
     *
     * @param method e.g. {@code POST}
     * @param uri the request's URI (path and query; scheme and host are not read)
     * @param body the request's body, a form ({@code application/x-www-form-urlencoded}) or empty
     * @param header a request header by name, null when absent
     * @return what to answer; never throws for a failure of the backend (500, 502, 503 instead)
     */
    public Response answer(String method, URI uri, String body, Function<String, @Nullable String> header) {
        AppApi.Reply reply = api.answer(method, uri, body, header);
        return new Response(reply.status(), reply.body());
    }

    /**
     * Starts the seeded users calling {@code base} (e.g. {@code http://127.0.0.1:8080}), one request every
     * 20 ms at most, for {@code duration} ({@link Duration#ZERO}: until {@link #close()}).
     */
    public synchronized void startTraffic(String base, Duration duration) {
        if (traffic != null) {
            throw new IllegalStateException("the traffic is already running");
        }
        long deadline = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        Thread thread = new Thread(
                () -> {
                    Traffic users = new Traffic(base, seed, true);
                    try {
                        users.run(Long.MAX_VALUE, ExampleService.PACE, deadline);
                    } catch (InterruptedException closed) {
                        Thread.currentThread().interrupt();
                    } finally {
                        sent.set(users.sent());
                    }
                },
                "example-traffic");
        thread.setDaemon(true);
        thread.start();
        traffic = thread;
    }

    /**
     * Waits until the traffic has run its duration.
     *
     * @return whether it finished within {@code timeout}
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitTraffic(Duration timeout) throws InterruptedException {
        Thread thread = traffic;
        if (thread == null) {
            return true;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** Requests the traffic sent, once it has finished. */
    public long requestsSent() {
        return sent.get();
    }

    /** Stops the traffic, the jobs, the external APIs' stand-ins and the backend; leaves the host's pool open. */
    @Override
    public void close() {
        Simulation.stop(traffic, resources);
    }
}
