package io.escalation.obs.examples;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

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

    /** The audit chain key's variable, read by obs-logback.xml (a system property or the environment). */
    static final String CHAIN_KEY = "OBS_AUDIT_CHAIN_KEY";

    private CoreDemo() {}

    /**
     * {@code --port N} (default 9090), {@code --app-port N} (default 8080), {@code --duration SECONDS}
     * (default 0: until stopped), {@code --seed N} (default 42), {@code --host ADDRESS} (default
     * {@code 0.0.0.0}; {@code 127.0.0.1} for loopback only), {@code --log-dir DIR} (default
     * {@code logs}, or the {@code OBS_LOG_DIR} environment variable), {@code --db URL} (a
     * {@code jdbc:postgresql://} URL; default: embedded H2), {@code --redis URI} ({@code redis://host:port};
     * default: an in-process stand-in), {@code --faults demo|none} (default {@code demo}: the demo's
     * deliberate faults; {@code none}: none, see {@link FaultSwitch}; the audit records are then chained
     * under a random key of this process when {@code OBS_AUDIT_CHAIN_KEY} is not set).
     */
    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        if (options.logDir() != null) {
            // read by obs-logback.xml when logback starts: before the first logger is created
            System.setProperty("OBS_LOG_DIR", options.logDir());
        }
        if (options.faults() == FaultSwitch.Mode.NONE
                && blank(System.getProperty(CHAIN_KEY, System.getenv(CHAIN_KEY)))) {
            // Without a key every audit record is written unchained and counted in
            // logging_audit_chain_breaks_total{reason="key_missing"}, which AuditChainBroken reads. A
            // fault-free service chains them: under a key of this process's own when none is configured.
            System.setProperty(CHAIN_KEY, randomKey());
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

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /** 32 random bytes in base64, as {@code openssl rand -base64 32} gives. */
    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
