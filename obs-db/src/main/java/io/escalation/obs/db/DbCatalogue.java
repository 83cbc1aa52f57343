package io.escalation.obs.db;

import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;
import java.time.Duration;

/**
 * obs-db's metrics and their labels, one declaration each, in catalogue order: connection pools,
 * queries, deadlocks, table sizes, Redis commands. Found through {@link java.util.ServiceLoader}.
 */
public final class DbCatalogue extends ModuleCatalogue {

    /** Label {@code pool}: the name a pool was registered under. */
    public static final Label POOL =
            Label.closed("pool", "name given when the pool was registered, e.g. main or replica");
    /** Label {@code query}: a caller-chosen query name; guarded. */
    public static final Label QUERY = Label.open(
            "query",
            "caller-chosen query name such as select_customer (letters, digits, '_', '.', '-', ':');"
                    + " statement text becomes redacted");
    /** Label {@code status}: outcome of a query. */
    public static final Label STATUS = Label.of("status", QueryStatus.class);
    /** Label {@code table}: a table name from the caller's size query; guarded. */
    public static final Label TABLE =
            Label.open("table", "table name returned by the caller's size query, e.g. customers or public.customers");
    /** Label {@code command}: a Redis command. */
    public static final Label COMMAND =
            Label.closed("command", "a real Redis command name in upper case (RedisCommand), or other");
    /** Label {@code error}: why a Redis command failed. */
    public static final Label ERROR = Label.closed(
            "error",
            "the Redis error prefix (ERR, WRONGTYPE, NOSCRIPT, OOM,"
                    + " MOVED, ...: RedisError), timeout, connection or other");

    /** {@code db_connections_active}: connections lent to the application, by pool. */
    public static final Metric CONNECTIONS_ACTIVE = Metric.gauge("db.connections.active")
            .help("Connections of the pool currently lent to the application")
            .labels(POOL)
            .compatibility(
                    "the reference architecture has no pool label; it is added so that several pools can be told apart"
                            + " (sum without(pool) gives the reference architecture's series)")
            .build();
    /** {@code db_connections_idle}: open connections waiting to be lent, by pool. */
    public static final Metric CONNECTIONS_IDLE = Metric.gauge("db.connections.idle")
            .help("Open connections of the pool waiting to be lent")
            .labels(POOL)
            .compatibility("pool label added (see db_connections_active)")
            .build();
    /** {@code db_connections_waiting}: threads waiting for a connection, by pool. */
    public static final Metric CONNECTIONS_WAITING = Metric.gauge("db.connections.waiting")
            .help("Threads waiting for a connection of the pool")
            .labels(POOL)
            .compatibility("pool label added (see db_connections_active)")
            .build();
    /** {@code db_pool_utilization_ratio}: active connections over the pool's maximum size. */
    public static final Metric POOL_UTILIZATION = Metric.gauge("db.pool.utilization")
            .unit("ratio")
            .help("Active connections over the pool's maximum size, 0 to 1")
            .labels(POOL)
            .compatibility(
                    "reference architecture: db_pool_utilization_percent; a 0..1 ratio (Prometheus base unit), so alerts compare with 0.8"
                            + " instead of 80; pool label added")
            .build();
    /** {@code db_query_duration_seconds}: time a named query took, by query. */
    public static final Metric QUERY_DURATION = Metric.timer("db.query.duration")
            .help("Time a named query took, errors included (OpenTelemetry database client buckets, 1 ms to 10 s)")
            .labels(QUERY)
            .buckets(Buckets.millis(1, 5, 10, 50, 100, 500, 1_000, 5_000, 10_000)) // OpenTelemetry's advice
            .build();
    /** {@code db_queries_total}: queries, by name and outcome. */
    public static final Metric QUERIES = Metric.counter("db.queries")
            .help("Queries by name and outcome")
            .labels(QUERY, STATUS)
            .compatibility(
                    "reference architecture: db_queries_total{status}; query label added so that error rates per query are visible"
                            + " (sum without(query) gives the reference architecture's series)")
            .build();
    /** {@code db_slow_queries_total}: queries longer than the slow-query threshold, by query. */
    public static final Metric SLOW_QUERIES = Metric.counter("db.slow.queries")
            .help("Queries that took longer than the configured slow-query threshold (default 1 s)")
            .labels(QUERY)
            .compatibility(
                    "reference architecture: db_slow_queries_total without labels; query label added to find the slow query")
            .build();
    /** {@code db_deadlocks_total}: queries that failed with a deadlock. */
    public static final Metric DEADLOCKS = Metric.counter("db.deadlocks")
            .help("Queries that failed with a deadlock (PostgreSQL SQLSTATE 40P01)")
            .build();
    /** {@code db_table_size_bytes}: size of a table in bytes, by table. */
    public static final Metric TABLE_SIZE = Metric.gauge("db.table.size")
            .unit("bytes")
            .help("Size of a table as last reported by the caller's periodic size query; NaN when the last poll"
                    + " did not report it")
            .labels(TABLE)
            .build();
    /** {@code redis_commands_total}: Redis commands sent, by command. */
    public static final Metric REDIS_COMMANDS = Metric.counter("redis.commands")
            .help("Redis commands sent, by command")
            .labels(COMMAND)
            .build();
    /** {@code redis_command_duration_seconds}: time a Redis command took, by command. */
    public static final Metric REDIS_COMMAND_DURATION = Metric.timer("redis.command.duration")
            .help("Time a Redis command took, round trip included (100 us to 1 s buckets)")
            .labels(COMMAND)
            .buckets( // Redis answers in microseconds; network and queueing add milliseconds
                    Duration.ofNanos(100_000),
                    Duration.ofNanos(250_000),
                    Duration.ofNanos(500_000),
                    Duration.ofMillis(1),
                    Duration.ofNanos(2_500_000),
                    Duration.ofMillis(5),
                    Duration.ofMillis(10),
                    Duration.ofMillis(25),
                    Duration.ofMillis(50),
                    Duration.ofMillis(100),
                    Duration.ofMillis(250),
                    Duration.ofSeconds(1))
            .build();
    /** {@code redis_command_errors_total}: Redis commands that failed, by command and error. */
    public static final Metric REDIS_COMMAND_ERRORS = Metric.counter("redis.command.errors")
            .help("Redis commands that failed, by command and error (the server's error prefix such as WRONGTYPE, or"
                    + " timeout, connection, other); also counted in redis_commands_total")
            .labels(COMMAND, ERROR)
            .compatibility("not in the reference architecture, which does not count failed Redis commands")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public DbCatalogue() {
        super("obs-db");
    }
}
