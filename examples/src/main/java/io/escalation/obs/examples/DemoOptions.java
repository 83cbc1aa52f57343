package io.escalation.obs.examples;

/**
 * Command-line options of the demo.
 *
 * @param host the address to listen on ({@code 0.0.0.0}: all interfaces)
 * @param port the /metrics port
 * @param durationSeconds how long to run, 0 for until stopped
 * @param seed the traffic generator's seed, so runs are reproducible
 */
record DemoOptions(String host, int port, long durationSeconds, long seed) {

    private static final String USAGE = "usage: [--host ADDRESS] [--port N] [--duration SECONDS] [--seed N]";

    static DemoOptions parse(String... args) {
        String host = "0.0.0.0";
        int port = 9090;
        long duration = 0;
        long seed = 42;
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
                case "--duration":
                    duration = Long.parseLong(value);
                    break;
                case "--seed":
                    seed = Long.parseLong(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + flag + "; " + USAGE);
            }
        }
        if (port < 0 || port > 65_535 || duration < 0) {
            throw new IllegalArgumentException("--port must be 0-65535 and --duration 0 or more");
        }
        return new DemoOptions(host, port, duration, seed);
    }
}
