package io.escalation.obs.http;

import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.label.SeriesBudget;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.MeterTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The series of one route (or one outbound peer): a timer per method and a request counter (plus
 * an error counter for error statuses) per method and status. Meters are registered on first use
 * and then found by two array loads, so recording allocates nothing. Recording never throws: a
 * registry that refuses a meter is counted as a fault of the requests meter.
 *
 * <p>Every new method and status pair takes one series from the meter's {@link SeriesBudget},
 * shared by all tables of the meter. Past the cap the pair is recorded in a fold series of the
 * fold table (the {@code other} route inbound, the peer itself outbound) with method
 * {@code _OTHER} and the status's class ({@code 5xx}), and each such recording is counted in
 * {@code obs_label_overflow_total}. Fold series come from the budget's reserve:
 * {@link #FOLD_SLOTS} per fold table.
 */
final class SeriesTable {

    /** Fold series of one fold table: a status class 1xx..5xx, or an outbound outcome without response. */
    static final int FOLD_SLOTS = 8;

    private final MeterRegistry registry;
    private final Faults faults;
    private final Metric requests;
    private final Metric duration;
    private final Metric errors;
    private final String firstKey;
    private final String firstValue;
    private final String statusKey;
    private final Duration[] buckets;
    private final ErrorStatuses errorStatuses;
    private final SeriesBudget budget;
    private final @Nullable SeriesTable foldInto;
    private final MeterTable<ByMethod> byMethod;

    /** A table folding into {@code foldInto}, or into itself when that is null. */
    SeriesTable(
            ModuleKit kit,
            Kind kind,
            String firstValue,
            Duration[] buckets,
            ErrorStatuses errorStatuses,
            SeriesBudget budget,
            @Nullable SeriesTable foldInto) {
        this.registry = kit.registry();
        this.faults = kit.faults();
        this.requests = kind.requests;
        this.duration = kind.duration;
        this.errors = kind.errors;
        this.firstKey = kind.firstKey.asString();
        this.statusKey = kind.statusKey.asString();
        this.firstValue = firstValue;
        this.buckets = buckets;
        this.errorStatuses = errorStatuses;
        this.budget = budget;
        this.foldInto = foldInto;
        this.byMethod = MeterTable.of(HttpMethod.class, method -> new ByMethod(method));
    }

    /**
     * Counts one exchange of {@code method} ending in {@code slot}; a negative {@code nanos} skips the
     * timer, which takes at most {@link Route#MAX_NANOS}. Never throws.
     */
    void record(HttpMethod method, int slot, long nanos) {
        ByMethod series = byMethod.get(method); // no registration: cannot throw for a method and a slot
        Series counters = series.bySlot.get(slot);
        if (counters == null) { // once per method and slot: the lambda's allocation does not matter
            counters = faults.guard(requests, () -> register(series, slot), null); // a registry refusing a meter
            if (counters == null) {
                return;
            }
        }
        faults.increment(requests, counters.requests);
        Counter errorCounter = counters.errors;
        if (errorCounter != null) {
            faults.increment(requests, errorCounter);
        }
        Counter overflow = counters.overflow;
        if (overflow != null) {
            faults.increment(requests, overflow);
        }
        if (nanos >= 0) {
            faults.record(requests, counters.timer, nanos, Route.MAX_NANOS);
        }
    }

    /** The series of {@code slot}: its own when the budget allows, a fold series otherwise. */
    private Series register(ByMethod series, int slot) {
        int labelSlot = Statuses.labelSlot(slot);
        Series result;
        synchronized (this) {
            result = series.bySlot.get(slot);
            if (result != null) {
                return result;
            }
            Series own = series.bySlot.get(labelSlot); // 299 shares the series of 2xx
            if (own == null && budget.tryTake()) {
                own = series.create(labelSlot);
            }
            if (own != null) {
                series.bySlot.set(labelSlot, own);
                series.bySlot.set(slot, own);
                return own;
            }
        }
        // outside this table's lock: fold tables only lock themselves, so locks never cross
        SeriesTable target = foldInto == null ? this : foldInto;
        Series fold = target.fold(Statuses.classSlot(labelSlot));
        result = new Series(fold.requests, fold.errors, fold.timer, budget.overflow());
        synchronized (this) {
            Series raced = series.bySlot.get(slot);
            if (raced != null) {
                return raced;
            }
            series.bySlot.set(slot, result);
        }
        return result;
    }

    /** The fold series of {@code classSlot} (method {@code _OTHER}), taken from the budget's reserve. */
    private synchronized Series fold(int classSlot) {
        ByMethod series = byMethod.get(HttpMethod.OTHER);
        Series fold = series.bySlot.get(classSlot);
        if (fold == null) {
            budget.takeReserved();
            fold = series.create(classSlot);
            series.bySlot.set(classSlot, fold);
        }
        return fold;
    }

    /** Which meters and label keys a table uses. */
    enum Kind {
        SERVER(
                HttpCatalogue.REQUESTS,
                HttpCatalogue.REQUEST_DURATION,
                HttpCatalogue.ERRORS,
                HttpCatalogue.ENDPOINT,
                HttpCatalogue.STATUS),
        CLIENT(
                HttpCatalogue.CLIENT_REQUESTS,
                HttpCatalogue.CLIENT_REQUEST_DURATION,
                HttpCatalogue.CLIENT_ERRORS,
                HttpCatalogue.PEER,
                HttpCatalogue.CLIENT_STATUS);

        final Metric requests;
        final Metric duration;
        final Metric errors;
        final Label firstKey;
        final Label statusKey;

        Kind(Metric requests, Metric duration, Metric errors, Label firstKey, Label statusKey) {
            this.requests = requests;
            this.duration = duration;
            this.errors = errors;
            this.firstKey = firstKey;
            this.statusKey = statusKey;
        }
    }

    private final class ByMethod {
        final HttpMethod method;
        final AtomicReferenceArray<Series> bySlot = new AtomicReferenceArray<>(Statuses.SLOTS);
        private @Nullable Timer timer; // guarded by SeriesTable.this

        ByMethod(HttpMethod method) {
            this.method = method;
        }

        /** Registers the series of {@code labelSlot}; the caller holds the table's lock and took the budget. */
        Series create(int labelSlot) {
            Timer methodTimer = timer;
            if (methodTimer == null) {
                methodTimer = duration.timer(buckets)
                        .tag(firstKey, firstValue)
                        .tag(HttpCatalogue.METHOD.asString(), method.label())
                        .register(registry);
                timer = methodTimer;
            }
            String status = Statuses.label(labelSlot);
            Counter requestCounter = counter(requests, status);
            Counter errorCounter = errorStatuses.isError(labelSlot) ? counter(errors, status) : null;
            return new Series(requestCounter, errorCounter, methodTimer, null);
        }

        private Counter counter(Metric meter, String status) {
            return meter.counter()
                    .tag(firstKey, firstValue)
                    .tag(HttpCatalogue.METHOD.asString(), method.label())
                    .tag(statusKey, status)
                    .register(registry);
        }
    }

    /** What one method and status slot records into; {@code overflow} is set for folded slots. */
    private static final class Series {
        final Counter requests;
        final @Nullable Counter errors;
        final Timer timer;
        final @Nullable Counter overflow;

        Series(Counter requests, @Nullable Counter errors, Timer timer, @Nullable Counter overflow) {
            this.requests = requests;
            this.errors = errors;
            this.timer = timer;
            this.overflow = overflow;
        }
    }
}
