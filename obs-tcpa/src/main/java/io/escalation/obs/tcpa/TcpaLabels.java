package io.escalation.obs.tcpa;

import io.escalation.obs.core.catalog.ObsLabel;

/** Label keys of obs-tcpa's meters. Every vocabulary is bounded. */
public enum TcpaLabels implements ObsLabel {
    /** Outcome of a contact check. */
    RESULT("result", "allowed, blocked"),
    /** Contact channel. */
    CHANNEL("channel", "phone, sms, email"),
    /** Why a contact was blocked. */
    REASON("reason", "time_restriction, frequency_limit, opt_out, do_not_call, no_consent"),
    /** What happened to a compliance audit event. */
    OUTCOME("outcome", "recorded, sink_failed, dropped");

    private final String key;
    private final String vocabulary;

    TcpaLabels(String key, String vocabulary) {
        this.key = key;
        this.vocabulary = vocabulary;
    }

    @Override
    public String asString() {
        return key;
    }

    @Override
    public String vocabulary() {
        return vocabulary;
    }
}
