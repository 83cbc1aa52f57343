package io.escalation.obs.security;

import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;

/**
 * obs-security's metrics and their labels, one declaration each, in catalogue order. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class SecurityCatalogue extends ModuleCatalogue {

    /** Label {@code status}: the login's outcome. */
    public static final Label STATUS = Label.closed("status", "success, failed");
    /** Label {@code result}: the permission check's outcome. */
    public static final Label RESULT = Label.closed("result", "allowed, denied");
    /** Label {@code resource}: the protected resource. */
    public static final Label RESOURCE = Label.of("resource", SecurityResource.class);
    /** Label {@code endpoint}: the rate-limited route template, guarded. */
    public static final Label ENDPOINT =
            Label.open("endpoint", "route template of the rate-limited endpoint, e.g. /api/v1/campaigns (guarded)");
    /** Label {@code type}: the kind of suspicious activity. */
    public static final Label TYPE = Label.of("type", SuspiciousActivity.class);
    /** Label {@code reason}: why a request was blocked. */
    public static final Label REASON = Label.of("reason", BlockReason.class);
    /** Label {@code outcome}: what became of a security audit event. */
    public static final Label OUTCOME = Label.closed("outcome", "recorded, failed, sink_failed, dropped");

    /** {@code auth_login_attempts_total}: login attempts, by outcome. */
    public static final Metric AUTH_LOGIN_ATTEMPTS = Metric.counter("auth.login.attempts")
            .help("Login attempts by outcome")
            .labels(STATUS)
            .compatibility(
                    "the reference architecture's auth_login_failures_by_user{user_id} is not exposed: a user_id label is a PII leak and a"
                            + " cardinality bomb; each failure is a SecurityAudit auth_login_failed event with the user id"
                            + " as an HMAC-SHA256")
            .build();
    /** {@code auth_account_lockouts_total}: accounts locked after failed logins. */
    public static final Metric AUTH_ACCOUNT_LOCKOUTS = Metric.counter("auth.account.lockouts")
            .help("Accounts locked after failed logins")
            .build();
    /** {@code auth_token_refreshes_total}: access tokens refreshed. */
    public static final Metric AUTH_TOKEN_REFRESHES = Metric.counter("auth.token.refreshes")
            .help("Access tokens refreshed")
            .build();
    /** {@code auth_sessions_active}: sessions open now. */
    public static final Metric AUTH_SESSIONS_ACTIVE = Metric.gauge("auth.sessions.active")
            .help("Sessions open, as counted by this process or last reported by the service")
            .build();
    /** {@code authz_permission_checks_total}: permission checks, by result. */
    public static final Metric AUTHZ_PERMISSION_CHECKS = Metric.counter("authz.permission.checks")
            .help("Permission checks by result")
            .labels(RESULT)
            .build();
    /** {@code authz_permission_violations_total}: denied permission checks, by resource. */
    public static final Metric AUTHZ_PERMISSION_VIOLATIONS = Metric.counter("authz.permission.violations")
            .help("Denied permission checks by protected resource")
            .labels(RESOURCE)
            .build();
    /** {@code rate_limit_hits_total}: requests a rate limiter refused or delayed, by endpoint. */
    public static final Metric RATE_LIMIT_HITS = Metric.counter("rate.limit.hits")
            .help("Requests a rate limiter refused or delayed, by endpoint route template")
            .labels(ENDPOINT)
            .build();
    /** {@code rate_limit_violations_total}: clients exceeding a rate limit, by endpoint. */
    public static final Metric RATE_LIMIT_VIOLATIONS = Metric.counter("rate.limit.violations")
            .help("Clients exceeding a rate limit (once per client and limit window), by endpoint route template")
            .labels(ENDPOINT)
            .compatibility(
                    "reference architecture: rate_limit_violations_total{ip}; an ip label is a PII leak and a cardinality bomb, so the label is"
                            + " the endpoint route template and the client is in the SecurityAudit rate_limit_violation"
                            + " event as an HMAC-SHA256 of its IP")
            .build();
    /** {@code rate_limit_blocks_total}: clients the rate limiter blocked outright. */
    public static final Metric RATE_LIMIT_BLOCKS = Metric.counter("rate.limit.blocks")
            .help("Clients blocked outright by the rate limiter after repeated violations")
            .build();
    /** {@code security_suspicious_activity_total}: suspicious activity, by type. */
    public static final Metric SUSPICIOUS_ACTIVITY = Metric.counter("security.suspicious.activity")
            .help("Suspicious activity detected, by type")
            .labels(TYPE)
            .build();
    /** {@code security_blocked_requests_total}: requests refused for security reasons, by reason. */
    public static final Metric BLOCKED_REQUESTS = Metric.counter("security.blocked.requests")
            .help("Requests refused for security reasons, by reason")
            .labels(REASON)
            .build();
    /** {@code security_audit_events_total}: security audit events, by outcome. */
    public static final Metric AUDIT_EVENTS = Metric.counter("security.audit.events")
            .help("Security audit events by outcome: recorded (every destination kept it: the sink returned and the"
                    + " audit file appender wrote it), failed (the audit file appender could not write it), sink_failed"
                    + " (the sink threw; the audit file has it), dropped (no destination kept it)")
            .labels(OUTCOME)
            .compatibility("not in the reference architecture: a failing audit sink must be alertable")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public SecurityCatalogue() {
        super("obs-security");
    }
}
