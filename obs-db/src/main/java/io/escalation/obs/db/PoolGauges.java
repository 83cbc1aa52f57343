package io.escalation.obs.db;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.record.FaultReason;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/** The four gauges of one registered pool; a failing or lying {@link PoolStats} becomes NaN and a fault. */
final class PoolGauges {

    private final Observability obs;
    private final PoolStats stats;

    private PoolGauges(Observability obs, PoolStats stats) {
        this.obs = obs;
        this.stats = stats;
    }

    static void register(Observability obs, String pool, PoolStats stats) {
        PoolGauges gauges = new PoolGauges(obs, stats);
        gauges.gauge(DbMeters.CONNECTIONS_ACTIVE, pool, g -> g.read(DbMeters.CONNECTIONS_ACTIVE, PoolStats::active));
        gauges.gauge(DbMeters.CONNECTIONS_IDLE, pool, g -> g.read(DbMeters.CONNECTIONS_IDLE, PoolStats::idle));
        gauges.gauge(DbMeters.CONNECTIONS_WAITING, pool, g -> g.read(DbMeters.CONNECTIONS_WAITING, PoolStats::waiting));
        gauges.gauge(DbMeters.POOL_UTILIZATION, pool, PoolGauges::utilization);
    }

    private void gauge(DbMeters meter, String pool, ToDoubleFunction<PoolGauges> value) {
        meter.gauge(this, value)
                .strongReference(true)   // the registry keeps the pool's stats for as long as it lives
                .tag(DbLabels.POOL.asString(), pool)
                .register(obs.registry());
    }

    private double read(DbMeters meter, ToIntFunction<PoolStats> value) {
        try {
            int n = value.applyAsInt(stats);
            if (n < 0) {
                obs.faults().record(meter, FaultReason.NEGATIVE_VALUE);
                return Double.NaN;
            }
            return n;
        } catch (Throwable e) {   // the service's PoolStats
            obs.faults().callbackFailed(meter, e);
            return Double.NaN;
        }
    }

    private double utilization() {
        double active = read(DbMeters.POOL_UTILIZATION, PoolStats::active);
        double max = read(DbMeters.POOL_UTILIZATION, PoolStats::max);
        return max > 0 ? active / max : Double.NaN;
    }
}
