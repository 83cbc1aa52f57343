package io.escalation.obs.benchmarks;

import io.escalation.obs.core.catalog.ObsLabel;

/** Label keys of {@link BenchMeters}. */
enum BenchLabels implements ObsLabel {
    OPERATION("operation", "caller-chosen operation name (guarded)", true),
    OUTCOME("outcome", "success, error", false);

    private final String key;
    private final String vocabulary;
    private final boolean open;

    BenchLabels(String key, String vocabulary, boolean open) {
        this.key = key;
        this.vocabulary = vocabulary;
        this.open = open;
    }

    @Override
    public String asString() {
        return key;
    }

    @Override
    public String vocabulary() {
        return vocabulary;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
