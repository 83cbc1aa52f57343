package io.escalation.obs.examples;

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
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.memory.EmbeddingMetrics;
import io.escalation.obs.memory.MemoryMetrics;
import io.escalation.obs.memory.QdrantMetrics;
import io.escalation.obs.memory.RagMetrics;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.tcpa.TcpaMetrics;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated client-escalation-calls service behind the API, on the facades, database and cache its host gives
 * it: the external APIs' loopback stand-ins, the backend, the assistant, the API's parts, the health checks and the
 * periodic jobs. Shared by {@link ExampleService} (its own HTTP server and obs wiring) and {@link HostedService}
 * (the Spring Boot example's).
 */
final class Simulation {

    private static final Logger log = LoggerFactory.getLogger(Simulation.class);

    private Simulation() {}

    /**
     * Wires the simulation and starts its jobs; what must be closed is pushed on {@code resources} (the database and
     * the cache are the caller's).
     *
     * @return the API's parts, for {@code new AppApi(parts)}
     */
    static AppApi.Parts start(
            Observability obs,
            HttpMetrics http,
            DbMetrics db,
            LlmMetrics llm,
            HealthChecks health,
            BusinessSpans spans,
            byte[] hashKey,
            ErrorReporter reporter,
            Database database,
            Cache cache,
            FaultSwitch faults,
            long seed,
            Deque<AutoCloseable> resources) {
        ExternalApis apis = ExternalApis.start(seed, faults.demo());
        resources.push(apis);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        Random world = new Random(seed * 0x9E3779B97F4A7C15L + 1);

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
                faults.demo()); // phone calls try an unpriced preview model: a demo fault (docs: deploy/README.md)

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

        ScheduledExecutorService jobs =
                Executors.newSingleThreadScheduledExecutor(ExampleService.daemon("example-jobs"));
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
        return parts;
    }

    /** Stops {@code traffic} (waiting up to 5 s for it), then closes {@code resources}; null: no traffic yet. */
    static void stop(@Nullable Thread traffic, Deque<AutoCloseable> resources) {
        if (traffic != null) {
            traffic.interrupt();
            try {
                traffic.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAll(resources);
    }

    /** Closes {@code resources} last-opened first, each failure logged and the rest still closed. */
    static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                log.warn("closing the example service: {}", e.toString());
            }
        }
    }
}
