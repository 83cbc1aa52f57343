package io.escalation.obs.errors;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;

/** Label keys of obs-errors' meters. */
public enum ErrorsLabels implements ObsLabel {
    /** Sentry's discard reason. */
    REASON("reason", "Sentry's discard reasons: queue_overflow, cache_overflow, ratelimit_backoff, network_error,"
            + " send_error, sample_rate, before_send, event_processor, backpressure"),
    /** Sentry's data category. */
    CATEGORY("category", "Sentry's data categories: error, transaction, session, attachment, ...");

    private final LabelSpec spec;

    ErrorsLabels(String key, String vocabulary) {
        this.spec = new LabelSpec(key, vocabulary, false);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
