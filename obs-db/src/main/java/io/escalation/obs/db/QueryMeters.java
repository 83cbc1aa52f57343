package io.escalation.obs.db;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.record.FaultReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The meters of one query name: duration, count by status, slow count. */
final class QueryMeters {

    private static final QueryStatus[] STATUSES = QueryStatus.values();

    private final Observability obs;
    private final Timer duration;
    private final Counter[] byStatus;
    private final Counter slow;
    private final Counter deadlocks;
    private final long slowNanos;

    QueryMeters(Observability obs, String query, Counter deadlocks, long slowNanos) {
        this.obs = obs;
        this.deadlocks = deadlocks;
        this.slowNanos = slowNanos;
        String key = DbLabels.QUERY.asString();
        this.duration = DbMeters.QUERY_DURATION.timer(DbMetrics.QUERY_BUCKETS).tag(key, query).register(obs.registry());
        this.byStatus = new Counter[STATUSES.length];
        for (QueryStatus status : STATUSES) {
            byStatus[status.ordinal()] = DbMeters.QUERIES.counter().tag(key, query)
                    .tag(DbLabels.STATUS.asString(), status.label()).register(obs.registry());
        }
        this.slow = DbMeters.SLOW_QUERIES.counter().tag(key, query).register(obs.registry());
    }

    void record(@Nullable QueryStatus status, long nanos) {
        try {
            if (status == null) {
                obs.faults().record(DbMeters.QUERIES, FaultReason.NULL_VALUE);
                return;
            }
            byStatus[status.ordinal()].increment();
            if (obs.faults().rejectsCount(DbMeters.QUERY_DURATION, nanos)) {
                return;   // the query is counted; only its impossible duration is dropped
            }
            long clamped = obs.faults().clamp(DbMeters.QUERY_DURATION, nanos, DbMetrics.MAX_NANOS);
            duration.record(clamped, TimeUnit.NANOSECONDS);
            if (clamped > slowNanos) {
                slow.increment();
            }
        } catch (RuntimeException e) {
            obs.faults().record(DbMeters.QUERIES, FaultReason.RECORDING_FAILED);
        }
    }

    void recordFailure(long nanos, @Nullable Throwable error) {
        record(QueryStatus.ERROR, nanos);
        if (SqlErrors.hasSqlState(error, SqlErrors.DEADLOCK_DETECTED)) {
            deadlocks.increment();
        }
    }
}
