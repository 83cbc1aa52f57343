package io.escalation.obs.errors;

import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;

/**
 * obs-errors' metrics and their labels, one declaration each: what never reached Sentry. Found
 * through {@link java.util.ServiceLoader}.
 */
public final class ErrorsCatalogue extends ModuleCatalogue {

    /** Label {@code reason}: Sentry's discard reason. */
    public static final Label REASON = Label.closed(
            "reason",
            "Sentry's discard reasons: queue_overflow,"
                    + " cache_overflow, ratelimit_backoff, network_error, send_error, sample_rate, before_send,"
                    + " event_processor, backpressure");
    /** Label {@code category}: Sentry's data category. */
    public static final Label CATEGORY =
            Label.closed("category", "Sentry's data categories: error, transaction, session, attachment, ...");

    /** {@code sentry_events_dropped_total}: items the Sentry client discarded instead of sending, by reason and category. */
    public static final Metric SENTRY_EVENTS_DROPPED = Metric.counter("sentry.events.dropped")
            .help("Items the Sentry client discarded instead of sending (full queue, network error, rate limit,"
                    + " sampling, scrubbing), as its client reports count them")
            .labels(REASON, CATEGORY)
            .compatibility("not in the reference architecture: makes a down or slow Sentry visible")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public ErrorsCatalogue() {
        super("obs-errors");
    }
}
