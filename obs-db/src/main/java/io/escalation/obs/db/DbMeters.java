package io.escalation.obs.db;

import io.escalation.obs.core.catalog.MeterSpec;
import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-db's meters: connection pools, queries, deadlocks, table sizes, Redis commands. */
public enum DbMeters implements ObsMeter {
    /** Gauge {@code db.connections.active}: connections lent to the application, by pool. */
    CONNECTIONS_ACTIVE("db.connections.active", Meter.Type.GAUGE, null,
            "Connections of the pool currently lent to the application",
            "seed has no pool label; it is added so that several pools can be told apart"
                    + " (sum without(pool) gives the seed's series)", DbLabels.POOL),
    /** Gauge {@code db.connections.idle}: open connections waiting to be lent, by pool. */
    CONNECTIONS_IDLE("db.connections.idle", Meter.Type.GAUGE, null,
            "Open connections of the pool waiting to be lent", "pool label added (see db_connections_active)",
            DbLabels.POOL),
    /** Gauge {@code db.connections.waiting}: threads waiting for a connection, by pool. */
    CONNECTIONS_WAITING("db.connections.waiting", Meter.Type.GAUGE, null,
            "Threads waiting for a connection of the pool", "pool label added (see db_connections_active)",
            DbLabels.POOL),
    /** Gauge {@code db.pool.utilization}: active connections over the pool's maximum size. */
    POOL_UTILIZATION("db.pool.utilization", Meter.Type.GAUGE, "ratio",
            "Active connections over the pool's maximum size, 0 to 1",
            "seed: db_pool_utilization_percent; a 0..1 ratio (Prometheus base unit), so alerts compare with 0.8"
                    + " instead of 80; pool label added", DbLabels.POOL),
    /** Timer {@code db.query.duration}: time a named query took, by query. */
    QUERY_DURATION("db.query.duration", Meter.Type.TIMER, null,
            "Time a named query took, errors included (OpenTelemetry database client buckets, 1 ms to 10 s)", "",
            DbLabels.QUERY),
    /** Counter {@code db.queries}: queries, by name and outcome. */
    QUERIES("db.queries", Meter.Type.COUNTER, null, "Queries by name and outcome",
            "seed: db_queries_total{status}; query label added so that error rates per query are visible"
                    + " (sum without(query) gives the seed's series)", DbLabels.QUERY, DbLabels.STATUS),
    /** Counter {@code db.slow.queries}: queries longer than the slow-query threshold, by query. */
    SLOW_QUERIES("db.slow.queries", Meter.Type.COUNTER, null,
            "Queries that took longer than the configured slow-query threshold (default 1 s)",
            "seed: db_slow_queries_total without labels; query label added to find the slow query",
            DbLabels.QUERY),
    /** Counter {@code db.deadlocks}: queries that failed with a deadlock. */
    DEADLOCKS("db.deadlocks", Meter.Type.COUNTER, null,
            "Queries that failed with a deadlock (PostgreSQL SQLSTATE 40P01)", ""),
    /** Gauge {@code db.table.size}: size of a table in bytes, by table. */
    TABLE_SIZE("db.table.size", Meter.Type.GAUGE, "bytes",
            "Size of a table as last reported by the caller's periodic size query; NaN when the last poll"
                    + " did not report it", "", DbLabels.TABLE),
    /** Counter {@code redis.commands}: Redis commands sent, by command. */
    REDIS_COMMANDS("redis.commands", Meter.Type.COUNTER, null, "Redis commands sent, by command", "",
            DbLabels.COMMAND),
    /** Timer {@code redis.command.duration}: time a Redis command took, by command. */
    REDIS_COMMAND_DURATION("redis.command.duration", Meter.Type.TIMER, null,
            "Time a Redis command took, round trip included (100 us to 1 s buckets)", "", DbLabels.COMMAND),
    /** Counter {@code redis.command.errors}: Redis commands that failed, by command and error. */
    REDIS_COMMAND_ERRORS("redis.command.errors", Meter.Type.COUNTER, null,
            "Redis commands that failed, by command and error (the server's error prefix such as WRONGTYPE, or"
                    + " timeout, connection, other); also counted in redis_commands_total",
            "not in the seed, which does not count failed Redis commands",
            DbLabels.COMMAND, DbLabels.ERROR);

    private final MeterSpec spec;

    DbMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
