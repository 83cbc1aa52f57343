package io.escalation.obs.errors;

import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-errors' meters: what never reached Sentry. */
public enum ErrorsMeters implements ObsMeter {
    /** {@code sentry_events_dropped_total{reason,category}}. */
    SENTRY_EVENTS_DROPPED("sentry.events.dropped", Meter.Type.COUNTER, null,
            "Items the Sentry client discarded instead of sending (full queue, network error, rate limit,"
                    + " sampling, scrubbing), as its client reports count them",
            "not in the seed: makes a down or slow Sentry visible", ErrorsLabels.REASON, ErrorsLabels.CATEGORY);

    private final String name;
    private final Meter.Type type;
    private final @Nullable String baseUnit;
    private final String description;
    private final String seedDeviation;
    private final ObsLabel[] labels;

    ErrorsMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.name = name;
        this.type = type;
        this.baseUnit = baseUnit;
        this.description = description;
        this.seedDeviation = seedDeviation;
        this.labels = labels;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Meter.Type getType() {
        return type;
    }

    @Override
    public @Nullable String getBaseUnit() {
        return baseUnit;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public ObsLabel[] getLabels() {
        return labels.clone();
    }

    @Override
    public String seedDeviation() {
        return seedDeviation;
    }
}
