package io.escalation.obs.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.escalation.obs.business.AgentMetrics;
import io.escalation.obs.business.AgentType;
import io.escalation.obs.business.BusinessSpans;
import io.escalation.obs.business.CampaignMetrics;
import io.escalation.obs.business.ContactMetrics;
import io.escalation.obs.business.PaymentMetrics;
import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.RedisMetrics;
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.errors.SentrySettings;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.memory.EmbeddingMetrics;
import io.escalation.obs.memory.MemoryMetrics;
import io.escalation.obs.memory.QdrantMetrics;
import io.escalation.obs.memory.RagMetrics;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.tcpa.TcpaMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(HostedService.class);

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
            closeAll(resources);
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
        ExternalApis apis = ExternalApis.start(seed, faults.demo());
        resources.push(apis);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Random world = new Random(seed * 0x9E3779B97F4A7C15L + 1);

        Database database = Database.hosted(pool);
        Cache cache = Cache.inProcess(RedisMetrics.create(obs));
        resources.push(cache);
        Backend backend = new Backend(world, database, cache, db, faults.demo());
        resources.push(backend);
        log.info("database: {}; redis: {}", database.describe(), cache.describe());
        QueueMetrics.create(obs).register("tasks", backend.pending);
        resources.push(db.tableSizes(backend::tableSizes, Duration.ofSeconds(5)));

        QdrantMetrics qdrant = QdrantMetrics.create(obs);
        MemoryMetrics memory = MemoryMetrics.create(obs).registerActiveSessions(backend, Backend::sessions);
        AtomicLong vectors = new AtomicLong(120_000);
        qdrant.registerCollection("customer_interactions", vectors, AtomicLong::doubleValue);
        Assistant assistant = new Assistant(
                world,
                backend,
                llm,
                EmbeddingMetrics.create(obs),
                qdrant,
                RagMetrics.create(obs),
                memory,
                client,
                http.peer("openai"),
                http.peer("anthropic"),
                apis,
                faults.demo());

        AppApi.Parts parts = new AppApi.Parts();
        parts.random = world;
        parts.router = http.router(AppApi.ROUTES);
        parts.backend = backend;
        parts.assistant = assistant;
        parts.campaigns = CampaignMetrics.create(obs);
        parts.contacts = ContactMetrics.create(obs);
        parts.payments = PaymentMetrics.create(obs);
        parts.spans = spans;
        parts.agents = AgentMetrics.create(obs);
        parts.errors = AppErrors.create(obs);
        parts.reporter = reporter;
        parts.client = client;
        parts.twilio = http.peer("twilio");
        parts.sendgrid = http.peer("sendgrid");
        parts.stripe = http.peer("stripe");
        parts.apis = apis;
        parts.faults = faults;
        parts.compliance = new Compliance(
                world, SecurityMetrics.create(obs), TcpaMetrics.create(obs), hashKey, obs.clock(), faults.demo());
        parts.agents.setCapacity("sms-agent", AgentType.SMS, 100);
        parts.agents.setCapacity("email-agent", AgentType.EMAIL, 50);
        parts.agents.setCapacity("phone-agent", AgentType.PHONE, 20);

        ExampleService.registerHealthChecks(health, backend, client, apis);

        ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "example-jobs");
            thread.setDaemon(true);
            return thread;
        });
        resources.push(jobs::shutdownNow);
        Random jobRandom = new Random(seed + 1);
        jobs.scheduleAtFixedRate(
                () -> {
                    try {
                        backend.campaignCounts().forEach(parts.campaigns::setCampaigns);
                        backend.taskCounts().forEach(parts.campaigns::setTasks);
                    } catch (java.sql.SQLException e) { // counted in db_queries_total; the next run tries again
                        log.warn("counting campaigns and tasks failed: SQLSTATE {}", e.getSQLState());
                    }
                    backend.background(jobRandom);
                    parts.compliance.applyOptOuts(5);
                },
                0,
                1,
                TimeUnit.SECONDS);
        jobs.scheduleAtFixedRate(
                () -> {
                    long stored = memory.consolidate(() -> 1 + jobRandom.nextInt(20));
                    memory.recordSemanticMemories(stored);
                    qdrant.recordVectorsStored(stored);
                    vectors.addAndGet(stored);
                },
                2,
                5,
                TimeUnit.SECONDS);
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
        Thread thread = traffic;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("closing the example service: {}", e.toString());
            }
        }
    }
}
