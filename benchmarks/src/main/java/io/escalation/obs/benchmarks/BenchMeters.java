package io.escalation.obs.benchmarks;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;

/** The meter of the reference timer facade {@link OperationTimers}. */
enum BenchMeters implements ObsMeter {
    OPERATION_DURATION("bench.operation.duration", Meter.Type.TIMER,
            "Time one named operation took, by outcome", BenchLabels.OPERATION, BenchLabels.OUTCOME);

    private final MeterSpec spec;

    BenchMeters(String name, Meter.Type type, String description, ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, null, description, "", labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
