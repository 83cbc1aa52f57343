package io.escalation.obs.examples;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.endpoint.ObsHttpEndpoint;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example client-escalation-calls service, running: its {@code /metrics} and {@code /health}
 * endpoint and seeded traffic on a background thread. {@link CoreDemo#main} runs one until its
 * duration is over; tests start one on a free port and close it.
 *
 * <pre>{@code
 * try (ExampleService service = ExampleService.start("127.0.0.1", 0, Duration.ofSeconds(30), 42)) {
 *     scrape("http://127.0.0.1:" + service.port() + "/metrics");
 * }
 * }</pre>
 */
public final class ExampleService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExampleService.class);
    private static final long TICK_MILLIS = 100;

    private final Observability obs;
    private final HealthChecks health;
    private final ObsHttpEndpoint endpoint;
    private final Thread traffic;

    private ExampleService(Observability obs, HealthChecks health, ObsHttpEndpoint endpoint, Thread traffic) {
        this.obs = obs;
        this.health = health;
        this.endpoint = endpoint;
        this.traffic = traffic;
    }

    /**
     * Starts serving on {@code host:port} and generating traffic.
     *
     * @param host the address to listen on, e.g. {@code "0.0.0.0"} or {@code "127.0.0.1"}
     * @param port the port, 0 for a free one (see {@link #port()})
     * @param duration how long the traffic runs; {@link Duration#ZERO} for until {@link #close()}
     * @param seed the traffic generator's seed, so that runs are reproducible
     * @return the running service
     * @throws IllegalStateException when the port cannot be bound
     */
    public static ExampleService start(String host, int port, Duration duration, long seed) {
        Objects.requireNonNull(host, "host");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero (until closed) or positive, not " + duration);
        }
        Observability obs = Observability.builder()
                .serviceName("client-escalation-calls")
                .environment("development")
                .build();
        HealthChecks health = HealthChecks.create(obs);
        ObsHttpEndpoint endpoint;
        try {
            endpoint = ObsHttpEndpoint.builder(obs).host(host).port(port).health(health).start();
        } catch (RuntimeException e) {
            health.close();
            obs.close();
            throw e;
        }
        LinkedBlockingQueue<String> tasks = new LinkedBlockingQueue<>();
        QueueMetrics.create(obs).register("tasks", tasks);
        health.register("disk", Duration.ofSeconds(1), () -> {
            long free = Files.getFileStore(Path.of(".")).getUsableSpace();
            return free > 100L * 1024 * 1024 ? HealthResult.up() : HealthResult.down("less than 100 MiB free");
        });
        health.register("task_queue", Duration.ofSeconds(1), () ->
                tasks.size() < 1_000 ? HealthResult.up() : HealthResult.down(tasks.size() + " tasks waiting"));
        long ticks = duration.isZero() ? Long.MAX_VALUE : Math.max(1, duration.toMillis() / TICK_MILLIS);
        Thread traffic = new Thread(() -> {
            try {
                CoreDemo.simulate(obs, tasks, new Random(seed), ticks, TICK_MILLIS);
            } catch (InterruptedException closed) {
                Thread.currentThread().interrupt();
            }
        }, "example-traffic");
        traffic.setDaemon(true);
        traffic.start();
        log.info("serving http://{}:{}/metrics and /health", host, endpoint.port());
        return new ExampleService(obs, health, endpoint, traffic);
    }

    /** The port actually bound. */
    public int port() {
        return endpoint.port();
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

    /** Stops the traffic, then the endpoint (its port is free when this returns), then the meters. */
    @Override
    public void close() {
        traffic.interrupt();
        try {
            traffic.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
        health.close();
        obs.close();
    }
}
