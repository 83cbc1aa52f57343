package io.escalation.obs.examples;

import org.jspecify.annotations.Nullable;

/**
 * Command-line options of the demo.
 *
 * @param host the address to listen on ({@code 0.0.0.0}: all interfaces)
 * @param port the /metrics and /health port
 * @param appPort the API's port
 * @param durationSeconds how long to run, 0 for until stopped
 * @param seed the traffic generator's seed, so runs are reproducible
 * @param logDir where the JSON logs go, null for {@code OBS_LOG_DIR} or {@code logs}
 * @param database a PostgreSQL JDBC URL, null for the embedded H2 database
 * @param redis a Redis URI, null for the in-process stand-in
 * @param faults the deliberate faults ({@code --faults demo}, the default, or {@code none}); see {@link FaultSwitch}
 */
record DemoOptions(
        String host,
        int port,
        int appPort,
        long durationSeconds,
        long seed,
        @Nullable String logDir,
        @Nullable String database,
        @Nullable String redis,
        FaultSwitch.Mode faults) {

    private static final String USAGE = "usage: [--host ADDRESS] [--port N] [--app-port N] [--duration SECONDS]"
            + " [--seed N] [--log-dir DIR] [--db jdbc:postgresql://HOST:PORT/DB?user=U&password=P]"
            + " [--redis redis://HOST:PORT] [--faults demo|none]";

    static DemoOptions parse(String... args) {
        String host = "0.0.0.0";
        int port = 9090;
        int appPort = 8080;
        long duration = 0;
        long seed = 42;
        String logDir = null;
        String database = null;
        String redis = null;
        FaultSwitch.Mode faults = FaultSwitch.Mode.DEMO;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--host":
                    host = value;
                    break;
                case "--port":
                    port = Integer.parseInt(value);
                    break;
                case "--app-port":
                    appPort = Integer.parseInt(value);
                    break;
                case "--duration":
                    duration = Long.parseLong(value);
                    break;
                case "--seed":
                    seed = Long.parseLong(value);
                    break;
                case "--log-dir":
                    logDir = value;
                    break;
                case "--db":
                    if (!value.startsWith("jdbc:postgresql:")) {
                        throw new IllegalArgumentException("--db takes a PostgreSQL JDBC URL such as"
                                + " jdbc:postgresql://127.0.0.1:5432/escalation?user=app&password=secret, not "
                                + value);
                    }
                    database = value;
                    break;
                case "--redis":
                    if (!value.startsWith("redis://") && !value.startsWith("rediss://")) {
                        throw new IllegalArgumentException(
                                "--redis takes a Redis URI such as redis://127.0.0.1:6379," + " not " + value);
                    }
                    redis = value;
                    break;
                case "--faults":
                    faults = FaultSwitch.Mode.of(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
            }
        }
        if (port < 0 || port > 65_535 || appPort < 0 || appPort > 65_535 || duration < 0) {
            throw new IllegalArgumentException("--port and --app-port must be 0-65535 and --duration 0 or more");
        }
        if (port != 0 && port == appPort) {
            throw new IllegalArgumentException("--port and --app-port must differ (both are " + port + ")");
        }
        return new DemoOptions(host, port, appPort, duration, seed, logDir, database, redis, faults);
    }
}
