package io.escalation.obs.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The series of one route (or one outbound peer): a timer per method and a request counter (plus
 * an error counter for error statuses) per method and status. Meters are registered on first use
 * and then found by two array loads, so recording allocates nothing.
 */
final class SeriesTable {

    private static final HttpMethod[] METHODS = HttpMethod.values();

    private final MeterRegistry registry;
    private final HttpMeters requests;
    private final HttpMeters duration;
    private final HttpMeters errors;
    private final String firstKey;
    private final String firstValue;
    private final String statusKey;
    private final Duration[] buckets;
    private final ErrorStatuses errorStatuses;
    private final AtomicReferenceArray<ByMethod> byMethod = new AtomicReferenceArray<>(METHODS.length);

    SeriesTable(MeterRegistry registry, Kind kind, String firstValue, Duration[] buckets, ErrorStatuses errorStatuses) {
        this.registry = registry;
        this.requests = kind.requests;
        this.duration = kind.duration;
        this.errors = kind.errors;
        this.firstKey = kind.firstKey.asString();
        this.statusKey = kind.statusKey.asString();
        this.firstValue = firstValue;
        this.buckets = buckets;
        this.errorStatuses = errorStatuses;
    }

    /** Counts one exchange of {@code method} ending in {@code slot}; a negative {@code nanos} skips the timer. */
    void record(HttpMethod method, int slot, long nanos) {
        ByMethod series = byMethod.get(method.ordinal());
        if (series == null) {
            series = register(method);
        }
        StatusCounters counters = series.byStatus.get(slot);
        if (counters == null) {
            counters = series.register(slot);
        }
        counters.requests.increment();
        Counter errorCounter = counters.errors;
        if (errorCounter != null) {
            errorCounter.increment();
        }
        if (nanos >= 0) {
            series.timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized ByMethod register(HttpMethod method) {
        ByMethod series = byMethod.get(method.ordinal());
        if (series == null) {
            Timer timer = duration.timer(buckets)
                    .tag(firstKey, firstValue)
                    .tag(HttpLabels.METHOD.asString(), method.label())
                    .register(registry);
            series = new ByMethod(method, timer);
            byMethod.set(method.ordinal(), series);
        }
        return series;
    }

    /** Which meters and label keys a table uses. */
    enum Kind {
        SERVER(HttpMeters.REQUESTS, HttpMeters.REQUEST_DURATION, HttpMeters.ERRORS, HttpLabels.ENDPOINT,
                HttpLabels.STATUS),
        CLIENT(HttpMeters.CLIENT_REQUESTS, HttpMeters.CLIENT_REQUEST_DURATION, HttpMeters.CLIENT_ERRORS,
                HttpLabels.PEER, HttpLabels.CLIENT_STATUS);

        final HttpMeters requests;
        final HttpMeters duration;
        final HttpMeters errors;
        final HttpLabels firstKey;
        final HttpLabels statusKey;

        Kind(HttpMeters requests, HttpMeters duration, HttpMeters errors, HttpLabels firstKey, HttpLabels statusKey) {
            this.requests = requests;
            this.duration = duration;
            this.errors = errors;
            this.firstKey = firstKey;
            this.statusKey = statusKey;
        }
    }

    private final class ByMethod {
        final HttpMethod method;
        final Timer timer;
        final AtomicReferenceArray<StatusCounters> byStatus = new AtomicReferenceArray<>(Statuses.SLOTS);

        ByMethod(HttpMethod method, Timer timer) {
            this.method = method;
            this.timer = timer;
        }

        StatusCounters register(int slot) {
            synchronized (SeriesTable.this) {
                StatusCounters counters = byStatus.get(slot);
                if (counters == null) {
                    String status = Statuses.label(slot);
                    Counter requestCounter = counter(requests, status);
                    Counter errorCounter = errorStatuses.isError(slot) ? counter(errors, status) : null;
                    counters = new StatusCounters(requestCounter, errorCounter);
                    byStatus.set(slot, counters);
                }
                return counters;
            }
        }

        private Counter counter(HttpMeters meter, String status) {
            return meter.counter()
                    .tag(firstKey, firstValue)
                    .tag(HttpLabels.METHOD.asString(), method.label())
                    .tag(statusKey, status)
                    .register(registry);
        }
    }

    private static final class StatusCounters {
        final Counter requests;
        final @Nullable Counter errors;

        StatusCounters(Counter requests, @Nullable Counter errors) {
            this.requests = requests;
            this.errors = errors;
        }
    }
}
