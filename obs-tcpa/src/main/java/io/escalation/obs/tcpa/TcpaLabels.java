package io.escalation.obs.tcpa;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;

/** Label keys of obs-tcpa's meters. Every vocabulary is bounded. */
public enum TcpaLabels implements ObsLabel {
    /** Outcome of a contact check. */
    RESULT("result", "allowed, blocked"),
    /** Contact channel. */
    CHANNEL("channel", "phone, sms, email"),
    /** Why a contact was blocked. */
    REASON("reason", "time_restriction, frequency_limit, opt_out, do_not_call, no_consent, audit_unavailable"),
    /** What happened to a compliance audit event. */
    OUTCOME("outcome", "recorded, failed, sink_failed, dropped");

    private final LabelSpec spec;

    TcpaLabels(String key, String vocabulary) {
        this.spec = new LabelSpec(key, vocabulary, false);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
