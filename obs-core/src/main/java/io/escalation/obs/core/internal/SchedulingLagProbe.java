package io.escalation.obs.core.internal;

import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's stand-in for Node.js event-loop lag: a task scheduled every 100 ms on a daemon thread
 * records how late it actually ran. Lateness comes from CPU starvation, stop-the-world GC pauses
 * and safepoints, the same symptoms event-loop lag shows. {@code jvm_scheduling_lag_seconds} is
 * the worst lateness over the last 10 seconds (100 probes), so a spike between two scrapes is not
 * lost.
 */
final class SchedulingLagProbe implements AutoCloseable {

    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int WINDOW = 100;

    private final AtomicLongArray lagNanos = new AtomicLongArray(WINDOW);
    private final ScheduledExecutorService scheduler;
    private @Nullable MeterRegistry registry;
    private @Nullable Gauge gauge;
    private int next;
    private long expectedAt;

    private SchedulingLagProbe(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static SchedulingLagProbe start(MeterRegistry registry) {
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("obs-scheduling-lag-probe"));
        SchedulingLagProbe probe = new SchedulingLagProbe(scheduler);
        probe.registry = registry;
        probe.gauge = CoreCatalogue.SCHEDULING_LAG
                .gauge(probe, SchedulingLagProbe::worstLagSeconds)
                .register(registry);
        probe.expectedAt = System.nanoTime() + PERIOD_NANOS;
        scheduler.schedule(probe::tick, PERIOD_NANOS, TimeUnit.NANOSECONDS);
        return probe;
    }

    private void tick() {
        long now = System.nanoTime();
        record(Math.max(0, now - expectedAt));
        expectedAt = now + PERIOD_NANOS;
        try {
            scheduler.schedule(this::tick, PERIOD_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // close() won the race: the probe stops
        }
    }

    void record(long lateNanos) {
        lagNanos.set(next, lateNanos);
        next = (next + 1) % WINDOW;
    }

    double worstLagSeconds() {
        long worst = 0;
        for (int i = 0; i < WINDOW; i++) {
            worst = Math.max(worst, lagNanos.get(i));
        }
        return worst / 1e9;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (registry != null && gauge != null) {
            registry.remove(gauge); // a stopped probe must not report a frozen window
        }
    }
}
