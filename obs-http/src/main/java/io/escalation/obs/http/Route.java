package io.escalation.obs.http;

import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The inbound series of one route template, resolved (guarded) once: what a hot path keeps. Get
 * one from {@link HttpMetrics#route(String)} or a {@link Router}.
 *
 * <pre>{@code
 * Route campaign = http.route("/api/v1/campaigns/{id}");
 * long start = System.nanoTime();
 * ...
 * campaign.record(HttpMethod.GET, 200, System.nanoTime() - start);
 * }</pre>
 */
public final class Route {

    /** Longer durations are clamped (and counted as a fault): one hour. */
    static final long MAX_NANOS = TimeUnit.HOURS.toNanos(1);

    private final String endpoint;
    private final SeriesTable series;
    private final Faults faults;
    private final @Nullable Route notFound;

    Route(String endpoint, SeriesTable series, Faults faults, @Nullable Route notFound) {
        this.endpoint = endpoint;
        this.series = series;
        this.faults = faults;
        this.notFound = notFound;
    }

    /**
     * The {@code endpoint} label value: the template, or {@code UNKNOWN}, {@code redacted}, {@code other}.
     *
     * @return the label value
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * True for the route of requests no template matched ({@code UNKNOWN}, or {@code NOT_FOUND} on a 404).
     *
     * @return true for the unmatched route
     */
    public boolean isUnmatched() {
        return notFound != null;
    }

    /**
     * Records one request: {@code http_requests_total}, {@code http_request_duration_seconds} and,
     * for an error status, {@code http_errors_total}. Never throws and allocates nothing once the
     * series exists. A status outside 100..599 is counted as a fault and recorded as 500; a negative
     * duration is counted as a fault and only the counters are recorded; a duration above one hour
     * is clamped.
     *
     * @param method the request's method; null is recorded as {@code _OTHER} and counted as a fault
     * @param status the response status code
     * @param nanos the request's duration in nanoseconds
     */
    public void record(@Nullable HttpMethod method, int status, long nanos) {
        recordSlot(method, slotOf(status), nanos);
    }

    int slotOf(int status) {
        if (Statuses.isValidCode(status)) {
            return Statuses.slot(status);
        }
        faults.record(
                HttpCatalogue.REQUESTS,
                status > Statuses.LAST_CODE
                        ? FaultReason.VALUE_TOO_LARGE
                        : status < 0 ? FaultReason.NEGATIVE_VALUE : FaultReason.NULL_VALUE);
        return Statuses.SERVER_ERROR;
    }

    void recordSlot(@Nullable HttpMethod method, int slot, long nanos) {
        HttpMethod recorded = faults.rejectsNull(HttpCatalogue.REQUESTS, method) ? HttpMethod.OTHER : method;
        recordedAs(slot)
                .series
                .record(recorded, slot, checkedNanos(faults, HttpCatalogue.REQUEST_DURATION, nanos)); // never throws
    }

    /** The route a request ending in {@code slot} is recorded under: {@code NOT_FOUND} for an unmatched 404. */
    Route recordedAs(int slot) {
        return notFound != null && slot == Statuses.slot(404) ? notFound : this;
    }

    /** {@code nanos}, clamped to an hour; -1 (skip the timer) when negative. Faults counted. */
    static long checkedNanos(Faults faults, Metric meter, long nanos) {
        if (nanos < 0) {
            faults.record(meter, FaultReason.NEGATIVE_VALUE);
            return -1;
        }
        return faults.clamp(meter, nanos, MAX_NANOS);
    }

    @Override
    public String toString() {
        return "Route[" + endpoint + "]";
    }
}
