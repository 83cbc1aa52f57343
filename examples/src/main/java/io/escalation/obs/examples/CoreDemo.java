package io.escalation.obs.examples;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.endpoint.ObsHttpEndpoint;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client-escalation-calls stand-in on obs-core: a task queue worked by an agent loop,
 * application errors from a seeded fault mix, health checks, and {@code /metrics} + {@code /health}
 * served on port 9090.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl examples exec:java -Dexec.args="--port 9090 --duration 60"
 * curl -s localhost:9090/metrics | grep queue_depth
 * </pre>
 */
public final class CoreDemo {

    private static final Logger log = LoggerFactory.getLogger(CoreDemo.class);
    private static final String[] FAULTS = {"DatabaseError", "LlmTimeoutError", "TwilioApiError", "ValidationError"};

    private CoreDemo() {
    }

    /** {@code --port N} (default 9090), {@code --duration SECONDS} (default 0: until stopped), {@code --seed N}. */
    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        try (Observability obs = Observability.builder()
                .serviceName("client-escalation-calls")
                .environment("development")
                .build();
             HealthChecks health = HealthChecks.create(obs);
             ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                     .port(options.port())
                     .health(health)
                     .start()) {
            LinkedBlockingQueue<String> tasks = new LinkedBlockingQueue<>();
            QueueMetrics.create(obs).register("tasks", tasks);
            health.register("disk", Duration.ofSeconds(1), () -> {
                long free = Files.getFileStore(Path.of(".")).getUsableSpace();
                return free > 100L * 1024 * 1024 ? HealthResult.up() : HealthResult.down("less than 100 MiB free");
            });
            health.register("task_queue", Duration.ofSeconds(1), () ->
                    tasks.size() < 1_000 ? HealthResult.up() : HealthResult.down(tasks.size() + " tasks waiting"));
            log.info("serving http://localhost:{}/metrics and /health", endpoint.port());
            long ticks = options.durationSeconds() == 0 ? Long.MAX_VALUE : options.durationSeconds() * 10;
            simulate(obs, tasks, new Random(options.seed()), ticks, 100);
        }
    }

    /** Runs {@code ticks} steps of seeded traffic, {@code tickMillis} apart (0 in tests). */
    static void simulate(Observability obs, LinkedBlockingQueue<String> tasks, Random random, long ticks,
            long tickMillis) throws InterruptedException {
        AppErrors errors = AppErrors.create(obs);
        for (long tick = 0; tick < ticks; tick++) {
            for (int i = random.nextInt(5); i > 0; i--) {
                tasks.offer("task-" + tick + "-" + i);
            }
            for (int i = random.nextInt(5); i > 0 && tasks.poll() != null; i--) {
                int roll = random.nextInt(100);
                if (roll < 5) {
                    errors.record(FAULTS[random.nextInt(FAULTS.length)],
                            roll == 0 ? ErrorSeverity.CRITICAL : ErrorSeverity.ERROR);
                }
            }
            if (tickMillis > 0) {
                Thread.sleep(tickMillis);
            }
        }
    }
}
