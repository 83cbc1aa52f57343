package io.escalation.obs.db;

import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/** The four gauges of one registered pool; a failing or lying {@link PoolStats} becomes NaN and a fault. */
final class PoolGauges {

    private final Faults faults;
    private final PoolStats stats;

    private PoolGauges(Faults faults, PoolStats stats) {
        this.faults = faults;
        this.stats = stats;
    }

    static void register(ModuleKit kit, String pool, PoolStats stats) {
        PoolGauges gauges = new PoolGauges(kit.faults(), stats);
        MeterRegistry registry = kit.registry();
        gauges.gauge(
                registry,
                DbCatalogue.CONNECTIONS_ACTIVE,
                pool,
                g -> g.read(DbCatalogue.CONNECTIONS_ACTIVE, PoolStats::active));
        gauges.gauge(
                registry,
                DbCatalogue.CONNECTIONS_IDLE,
                pool,
                g -> g.read(DbCatalogue.CONNECTIONS_IDLE, PoolStats::idle));
        gauges.gauge(
                registry,
                DbCatalogue.CONNECTIONS_WAITING,
                pool,
                g -> g.read(DbCatalogue.CONNECTIONS_WAITING, PoolStats::waiting));
        gauges.gauge(registry, DbCatalogue.POOL_UTILIZATION, pool, PoolGauges::utilization);
    }

    private void gauge(MeterRegistry registry, Metric meter, String pool, ToDoubleFunction<PoolGauges> value) {
        meter.gauge(this, value)
                .strongReference(true) // the registry keeps the pool's stats for as long as it lives
                .tag(DbCatalogue.POOL.asString(), pool)
                .register(registry);
    }

    private double read(Metric meter, ToIntFunction<PoolStats> value) {
        try {
            int n = value.applyAsInt(stats);
            return faults.rejectsCount(meter, n) ? Double.NaN : n;
        } catch (Throwable e) { // the service's PoolStats
            faults.callbackFailed(meter, e);
            return Double.NaN;
        }
    }

    private double utilization() {
        double active = read(DbCatalogue.POOL_UTILIZATION, PoolStats::active);
        double max = read(DbCatalogue.POOL_UTILIZATION, PoolStats::max);
        return max > 0 ? active / max : Double.NaN;
    }
}
