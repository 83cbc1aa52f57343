package io.escalation.obs.security;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-security's meters: the catalogue entries behind {@link SecurityMetrics} and {@link SecurityAudit}. */
public enum SecurityMeters implements ObsMeter {
    /** {@code auth_login_attempts_total{status}}. */
    AUTH_LOGIN_ATTEMPTS("auth.login.attempts", Meter.Type.COUNTER, null, "Login attempts by outcome",
            "the seed's auth_login_failures_by_user{user_id} is not exposed: a user_id label is a PII leak and a"
                    + " cardinality bomb; each failure is a SecurityAudit auth_login_failed event with the user id"
                    + " as an HMAC-SHA256", SecurityLabels.STATUS),
    /** {@code auth_account_lockouts_total}. */
    AUTH_ACCOUNT_LOCKOUTS("auth.account.lockouts", Meter.Type.COUNTER, null, "Accounts locked after failed logins", ""),
    /** {@code auth_token_refreshes_total}. */
    AUTH_TOKEN_REFRESHES("auth.token.refreshes", Meter.Type.COUNTER, null, "Access tokens refreshed", ""),
    /** {@code auth_sessions_active}. */
    AUTH_SESSIONS_ACTIVE("auth.sessions.active", Meter.Type.GAUGE, null,
            "Sessions open, as counted by this process or last reported by the service", ""),
    /** {@code authz_permission_checks_total{result}}. */
    AUTHZ_PERMISSION_CHECKS("authz.permission.checks", Meter.Type.COUNTER, null,
            "Permission checks by result", "", SecurityLabels.RESULT),
    /** {@code authz_permission_violations_total{resource}}. */
    AUTHZ_PERMISSION_VIOLATIONS("authz.permission.violations", Meter.Type.COUNTER, null,
            "Denied permission checks by protected resource", "", SecurityLabels.RESOURCE),
    /** {@code rate_limit_hits_total{endpoint}}. */
    RATE_LIMIT_HITS("rate.limit.hits", Meter.Type.COUNTER, null,
            "Requests a rate limiter refused or delayed, by endpoint route template", "", SecurityLabels.ENDPOINT),
    /** {@code rate_limit_violations_total{endpoint}}. */
    RATE_LIMIT_VIOLATIONS("rate.limit.violations", Meter.Type.COUNTER, null,
            "Clients exceeding a rate limit (once per client and limit window), by endpoint route template",
            "seed: rate_limit_violations_total{ip}; an ip label is a PII leak and a cardinality bomb, so the label is"
                    + " the endpoint route template and the client is in the SecurityAudit rate_limit_violation"
                    + " event as an HMAC-SHA256 of its IP", SecurityLabels.ENDPOINT),
    /** {@code rate_limit_blocks_total}. */
    RATE_LIMIT_BLOCKS("rate.limit.blocks", Meter.Type.COUNTER, null,
            "Clients blocked outright by the rate limiter after repeated violations", ""),
    /** {@code security_suspicious_activity_total{type}}. */
    SUSPICIOUS_ACTIVITY("security.suspicious.activity", Meter.Type.COUNTER, null,
            "Suspicious activity detected, by type", "", SecurityLabels.TYPE),
    /** {@code security_blocked_requests_total{reason}}. */
    BLOCKED_REQUESTS("security.blocked.requests", Meter.Type.COUNTER, null,
            "Requests refused for security reasons, by reason", "", SecurityLabels.REASON),
    /** {@code security_audit_events_total{outcome}}. */
    AUDIT_EVENTS("security.audit.events", Meter.Type.COUNTER, null,
            "Security audit events by outcome: recorded (every destination kept it: the sink returned and the"
                    + " audit file appender wrote it), failed (the audit file appender could not write it), sink_failed"
                    + " (the sink threw; the audit file has it), dropped (no destination kept it)",
            "not in seed: a failing audit sink must be alertable", SecurityLabels.OUTCOME);

    private final MeterSpec spec;

    SecurityMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
