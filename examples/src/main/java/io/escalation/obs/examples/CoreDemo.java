package io.escalation.obs.examples;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client-escalation-calls stand-in on obs-core: a task queue worked by an agent loop,
 * application errors from a seeded fault mix, health checks, and {@code /metrics} + {@code /health}
 * served on port 9090. The wiring is {@link ExampleService}; this class holds the command line and
 * the traffic.
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

    /**
     * {@code --port N} (default 9090), {@code --duration SECONDS} (default 0: until stopped), {@code --seed N},
     * {@code --host ADDRESS} (default {@code 0.0.0.0}; {@code 127.0.0.1} for loopback only).
     */
    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        try (ExampleService service = ExampleService.start(options.host(), options.port(),
                Duration.ofSeconds(options.durationSeconds()), options.seed())) {
            while (!service.awaitTraffic(Duration.ofMinutes(1))) {
                log.debug("still serving on port {}", service.port());
            }
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
