package io.escalation.obs.security;

import io.escalation.obs.core.spi.catalog.LabelSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;

/** Label keys of obs-security's meters. Only {@code endpoint} is open (and guarded). */
public enum SecurityLabels implements ObsLabel {
    /** Login outcome. */
    STATUS("status", "success, failed", false),
    /** Permission check outcome. */
    RESULT("result", "allowed, denied", false),
    /** Protected resource. */
    RESOURCE("resource", "campaigns, customers, contacts, calls, messages, payments, tasks, agents, templates,"
            + " reports, users, settings, audit_logs, other", false),
    /** Rate-limited route template. */
    ENDPOINT("endpoint", "route template of the rate-limited endpoint, e.g. /api/v1/campaigns (guarded)", true),
    /** Suspicious activity kind. */
    TYPE("type", "brute_force, credential_stuffing, sql_injection, xss, path_traversal, account_enumeration,"
            + " token_reuse, prompt_injection, other", false),
    /** Why a request was blocked. */
    REASON("reason", "malicious_input, blocklisted_client, invalid_token, account_locked, other", false),
    /** What happened to a security audit event. */
    OUTCOME("outcome", "recorded, failed, sink_failed, dropped", false);

    private final LabelSpec spec;

    SecurityLabels(String key, String vocabulary, boolean open) {
        this.spec = new LabelSpec(key, vocabulary, open);
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }
}
