package io.escalation.obs.db;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The periodic poll behind {@code db_table_size_bytes{table}}, started by
 * {@link DbMetrics#tableSizes}. {@link #close()} stops it; the gauges keep their last values.
 *
 * <pre>{@code
 * try (TableSizes sizes = db.tableSizes(dao::tableSizes, Duration.ofMinutes(5))) {
 *     ...   // the service runs
 * }
 * }</pre>
 *
 * <p>A poll that throws or returns null keeps the previous values and is counted in
 * {@code obs_instrumentation_errors_total}; a table missing from a poll reads NaN until it is
 * reported again; null or negative sizes are skipped and counted; table names go through the
 * label guard, and statement text or other non-names become {@code redacted}.
 */
public final class TableSizes implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Faults faults;
    private final GuardedLabel<Size> byTable;
    private final Supplier<? extends @Nullable Map<String, Long>> query;
    private final ScheduledExecutorService scheduler;
    private Set<Size> reported = Collections.newSetFromMap(new IdentityHashMap<>()); // guarded by this

    private TableSizes(
            Faults faults, GuardedLabel<Size> byTable, Supplier<? extends @Nullable Map<String, Long>> query) {
        this.faults = faults;
        this.byTable = byTable;
        this.query = query;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "obs-db-table-sizes-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static TableSizes start(
            Faults faults,
            GuardedLabel<Size> byTable,
            Supplier<? extends @Nullable Map<String, Long>> query,
            Duration period) {
        TableSizes sizes = new TableSizes(faults, byTable, query);
        sizes.scheduler.scheduleWithFixedDelay(sizes::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return sizes;
    }

    /** Runs the size query now, on the caller's thread. Never throws. */
    public synchronized void refresh() {
        Map<String, Long> sizes;
        try {
            sizes = query.get();
        } catch (Throwable e) { // the service's query: an Error too must not end the scheduled refresh
            faults.callbackFailed(DbCatalogue.TABLE_SIZE, e);
            return;
        }
        if (faults.rejectsNull(DbCatalogue.TABLE_SIZE, sizes)) {
            return;
        }
        Set<Size> now = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (Map.Entry<String, Long> entry : sizes.entrySet()) {
                Long bytes = entry.getValue();
                if (faults.rejectsNull(DbCatalogue.TABLE_SIZE, bytes)
                        || faults.rejectsCount(DbCatalogue.TABLE_SIZE, bytes)) {
                    continue;
                }
                Size size = resolve(entry.getKey());
                size.bytes = bytes;
                now.add(size);
            }
        } catch (Throwable e) { // the service's map, whose iteration fails: keep what was read
            faults.callbackFailed(DbCatalogue.TABLE_SIZE, e);
        }
        for (Size gone : reported) {
            if (!now.contains(gone)) {
                gone.bytes = Double.NaN;
            }
        }
        reported = now;
    }

    /** Stops polling; the gauges keep their last values. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private Size resolve(@Nullable String table) {
        if (table != null && !NameShape.isName(table)) {
            faults.record(DbCatalogue.TABLE_SIZE, FaultReason.LABEL_PII);
            return byTable.resolve(LabelPolicy.REDACTED);
        }
        return byTable.resolve(table);
    }

    /** The last reported size of one table; the gauge reads it. */
    static final class Size {
        volatile double bytes = Double.NaN;

        private Size() {}

        static Size register(ModuleKit kit, String table) {
            Size size = new Size();
            DbCatalogue.TABLE_SIZE
                    .gauge(size, s -> s.bytes)
                    .strongReference(true)
                    .tag(DbCatalogue.TABLE.asString(), table)
                    .register(kit.registry());
            return size;
        }
    }
}
