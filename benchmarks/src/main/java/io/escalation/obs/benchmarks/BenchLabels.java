package io.escalation.obs.benchmarks;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;

/** Label keys of {@link BenchMeters}. */
enum BenchLabels implements ObsLabel {
    OPERATION("operation", "caller-chosen operation name (guarded)", true),
    OUTCOME("outcome", "success, error", false);

    private final LabelSpec spec;

    BenchLabels(String key, String vocabulary, boolean open) {
        this.spec = new LabelSpec(key, vocabulary, open);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
