package io.escalation.obs.errors;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-errors' meters: what never reached Sentry. */
public enum ErrorsMeters implements ObsMeter {
    /** {@code sentry_events_dropped_total{reason,category}}. */
    SENTRY_EVENTS_DROPPED("sentry.events.dropped", Meter.Type.COUNTER, null,
            "Items the Sentry client discarded instead of sending (full queue, network error, rate limit,"
                    + " sampling, scrubbing), as its client reports count them",
            "not in the seed: makes a down or slow Sentry visible", ErrorsLabels.REASON, ErrorsLabels.CATEGORY);

    private final MeterSpec spec;

    ErrorsMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
