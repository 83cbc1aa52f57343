package io.escalation.obs.examples;

import java.time.Duration;

/**
 * The example client-escalation-calls service from the command line: {@link ExampleService}
 * with {@code /metrics} and {@code /health} on port 9090, its API on port 8080, seeded traffic
 * and JSON logs in {@code logs/}. Its data lives in an embedded H2 database (PostgreSQL mode) and an
 * in-process stand-in for Redis unless {@code --db} and {@code --redis} name real servers. With
 * {@code --faults none} the traffic meets no deliberate fault, and
 * {@code curl -X POST 'localhost:8080/admin/faults/http-errors?ratio=1.0'} starts an error burst
 * ({@link FaultSwitch}).
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl examples exec:java -Dexec.args="--port 9090 --duration 60"
 * curl -s localhost:9090/metrics | grep payments_collected_total
 * </pre>
 */
public final class CoreDemo {

    private CoreDemo() {}

    /**
     * {@code --port N} (default 9090), {@code --app-port N} (default 8080), {@code --duration SECONDS}
     * (default 0: until stopped), {@code --seed N} (default 42), {@code --host ADDRESS} (default
     * {@code 0.0.0.0}; {@code 127.0.0.1} for loopback only), {@code --log-dir DIR} (default
     * {@code logs}, or the {@code OBS_LOG_DIR} environment variable), {@code --db URL} (a
     * {@code jdbc:postgresql://} URL; default: embedded H2), {@code --redis URI} ({@code redis://host:port};
     * default: an in-process stand-in), {@code --faults demo|none} (default {@code demo}: the demo's
     * deliberate faults; {@code none}: none, see {@link FaultSwitch}).
     */
    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        if (options.logDir() != null) {
            // read by obs-logback.xml when logback starts: before the first logger is created
            System.setProperty("OBS_LOG_DIR", options.logDir());
        }
        try (ExampleService service = ExampleService.start(
                options.host(),
                options.port(),
                options.appPort(),
                Duration.ofSeconds(options.durationSeconds()),
                options.seed(),
                options.database(),
                options.redis(),
                options.faults())) {
            while (!service.awaitTraffic(Duration.ofMinutes(1))) {
                // serving until the duration is over, or until the process is stopped
            }
        }
    }
}
