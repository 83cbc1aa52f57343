package io.escalation.obs.db;

import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/** The meters of one query name: duration, count by status, slow count. Recording never throws. */
final class QueryMeters {

    private final Faults faults;
    private final Timer duration;
    private final CounterTable<QueryStatus> byStatus;
    private final Counter slow;
    private final Counter deadlocks;
    private final long slowNanos;

    QueryMeters(ModuleKit kit, String query, Counter deadlocks, long slowNanos) {
        MeterRegistry registry = kit.registry();
        this.faults = kit.faults();
        this.deadlocks = deadlocks;
        this.slowNanos = slowNanos;
        String key = DbCatalogue.QUERY.asString();
        this.duration = DbCatalogue.QUERY_DURATION.timer().tag(key, query).register(registry);
        this.byStatus = CounterTable.eager(
                faults,
                DbCatalogue.QUERIES,
                QueryStatus.class,
                status -> DbCatalogue.QUERIES
                        .counter()
                        .tag(key, query)
                        .tag(DbCatalogue.STATUS.asString(), status.label())
                        .register(registry));
        this.slow = DbCatalogue.SLOW_QUERIES.counter().tag(key, query).register(registry);
    }

    void record(@Nullable QueryStatus status, long nanos) {
        if (faults.rejectsNull(DbCatalogue.QUERIES, status)) {
            return;
        }
        byStatus.increment(status);
        if (faults.rejectsCount(DbCatalogue.QUERY_DURATION, nanos)) {
            return; // the query is counted; only its impossible duration is dropped
        }
        long clamped = faults.clamp(DbCatalogue.QUERY_DURATION, nanos, DbMetrics.MAX_NANOS);
        // a registry failure counts on db_queries_total, like every other failure of this call
        faults.record(DbCatalogue.QUERIES, duration, clamped, DbMetrics.MAX_NANOS);
        if (clamped > slowNanos) {
            faults.increment(DbCatalogue.QUERIES, slow);
        }
    }

    void recordFailure(long nanos, @Nullable Throwable error) {
        record(QueryStatus.ERROR, nanos);
        if (SqlErrors.hasSqlState(error, SqlErrors.DEADLOCK_DETECTED)) { // never throws
            faults.increment(DbCatalogue.QUERIES, deadlocks);
        }
    }
}
