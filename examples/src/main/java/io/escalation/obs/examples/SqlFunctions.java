package io.escalation.obs.examples;

/** Java functions the embedded H2 database calls: PostgreSQL's built-ins that H2 lacks. */
public final class SqlFunctions {

    private SqlFunctions() {}

    /**
     * PostgreSQL's {@code pg_sleep(seconds)}: the statement that calls it takes that long.
     *
     * @param seconds how long to sleep
     * @throws InterruptedException when the statement is cancelled
     */
    public static void pgSleep(double seconds) throws InterruptedException {
        Thread.sleep(Math.max(0, Math.round(seconds * 1000)));
    }
}
