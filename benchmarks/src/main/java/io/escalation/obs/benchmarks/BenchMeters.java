package io.escalation.obs.benchmarks;

import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** The meter of the reference timer facade {@link OperationTimers}. */
enum BenchMeters implements ObsMeter {
    OPERATION_DURATION("bench.operation.duration", Meter.Type.TIMER,
            "Time one named operation took, by outcome", BenchLabels.OPERATION, BenchLabels.OUTCOME);

    private final String name;
    private final Meter.Type type;
    private final String description;
    private final ObsLabel[] labels;

    BenchMeters(String name, Meter.Type type, String description, ObsLabel... labels) {
        this.name = name;
        this.type = type;
        this.description = description;
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
        return null;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public ObsLabel[] getLabels() {
        return labels.clone();
    }
}
