package io.escalation.obs.db;

/**
 * What {@link DbMetrics#registerPool} reads from a connection pool at every scrape. Implement it
 * over any pool; {@link HikariPoolStats} does it for HikariCP.
 *
 * <pre>{@code
 * db.registerPool("main", new PoolStats() {
 *     public int active() { return pool.getNumActive(); }
 *     public int idle() { return pool.getNumIdle(); }
 *     public int waiting() { return pool.getNumWaiters(); }
 *     public int max() { return pool.getMaxTotal(); }
 * });
 * }</pre>
 *
 * <p>Called from the scrape thread: must be cheap and thread-safe. An exception or a negative
 * value is reported as NaN and counted in {@code obs_instrumentation_errors_total}.
 */
public interface PoolStats {

    /**
     * Connections lent to the application now.
     *
     * @return the number of active connections
     */
    int active();

    /**
     * Open connections waiting to be lent.
     *
     * @return the number of idle connections
     */
    int idle();

    /**
     * Threads waiting for a connection.
     *
     * @return the number of waiting threads
     */
    int waiting();

    /**
     * The pool's maximum size; utilisation is {@code active() / max()}, NaN when this is not positive.
     *
     * @return the maximum number of connections
     */
    int max();
}
