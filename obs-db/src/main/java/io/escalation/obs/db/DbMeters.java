package io.escalation.obs.db;

import io.escalation.obs.core.catalog.MeterSpec;
import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-db's meters: connection pools, queries, deadlocks, table sizes, Redis commands. */
public enum DbMeters implements ObsMeter {
    CONNECTIONS_ACTIVE("db.connections.active", Meter.Type.GAUGE, null,
            "Connections of the pool currently lent to the application",
            "seed has no pool label; it is added so that several pools can be told apart"
                    + " (sum without(pool) gives the seed's series)", DbLabels.POOL),
    CONNECTIONS_IDLE("db.connections.idle", Meter.Type.GAUGE, null,
            "Open connections of the pool waiting to be lent", "pool label added (see db_connections_active)",
            DbLabels.POOL),
    CONNECTIONS_WAITING("db.connections.waiting", Meter.Type.GAUGE, null,
            "Threads waiting for a connection of the pool", "pool label added (see db_connections_active)",
            DbLabels.POOL),
    POOL_UTILIZATION("db.pool.utilization", Meter.Type.GAUGE, "ratio",
            "Active connections over the pool's maximum size, 0 to 1",
            "seed: db_pool_utilization_percent; a 0..1 ratio (Prometheus base unit), so alerts compare with 0.8"
                    + " instead of 80; pool label added", DbLabels.POOL),
    QUERY_DURATION("db.query.duration", Meter.Type.TIMER, null,
            "Time a named query took, errors included (OpenTelemetry database client buckets, 1 ms to 10 s)", "",
            DbLabels.QUERY),
    QUERIES("db.queries", Meter.Type.COUNTER, null, "Queries by name and outcome",
            "seed: db_queries_total{status}; query label added so that error rates per query are visible"
                    + " (sum without(query) gives the seed's series)", DbLabels.QUERY, DbLabels.STATUS),
    SLOW_QUERIES("db.slow.queries", Meter.Type.COUNTER, null,
            "Queries that took longer than the configured slow-query threshold (default 1 s)",
            "seed: db_slow_queries_total without labels; query label added to find the slow query",
            DbLabels.QUERY),
    DEADLOCKS("db.deadlocks", Meter.Type.COUNTER, null,
            "Queries that failed with a deadlock (PostgreSQL SQLSTATE 40P01)", ""),
    TABLE_SIZE("db.table.size", Meter.Type.GAUGE, "bytes",
            "Size of a table as last reported by the caller's periodic size query; NaN when the last poll"
                    + " did not report it", "", DbLabels.TABLE),
    REDIS_COMMANDS("redis.commands", Meter.Type.COUNTER, null, "Redis commands sent, by command", "",
            DbLabels.COMMAND),
    REDIS_COMMAND_DURATION("redis.command.duration", Meter.Type.TIMER, null,
            "Time a Redis command took, round trip included (100 us to 1 s buckets)", "", DbLabels.COMMAND);

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
