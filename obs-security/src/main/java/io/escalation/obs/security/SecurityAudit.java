package io.escalation.obs.security;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.audit.KeyedHash;
import io.escalation.obs.core.health.HealthCheck;
import io.escalation.obs.core.spi.audit.AuditWriter;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.trace.Spans;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Security audit events for the per-user and per-client facts that must never become labels, plus
 * the matching {@link SecurityMetrics} counts. Each event goes to the SLF4J logger {@value #LOGGER}
 * (INFO, one key-value pair per field) and to the {@link SecurityAuditSink} the service points at
 * durable storage. User ids and client IP addresses are HMAC-SHA256 hashed under a key the service
 * supplies, so repeated offenders can be correlated (and a known user or address found by hashing it
 * with the key) without the events storing either.
 *
 * <pre>{@code
 * SecurityAudit audit = SecurityAudit.builder(SecurityMetrics.create(obs))
 *         .hashKey(secrets.bytes("security-audit-key"))   // >= 32 random bytes
 *         .sink(event -> siem.append(event.toJson()))
 *         .build();
 * audit.loginFailed(username, request.remoteAddress());
 * audit.rateLimitViolation("/api/v1/campaigns", request.remoteAddress());
 * }</pre>
 *
 * <p><b>Audit events are records, not telemetry.</b> Unlike metrics they must not be sampled,
 * rate-limited or dropped: route {@value #LOGGER} at INFO to an appender that neither samples nor
 * discards, and give the sink storage that keeps what it accepted. Every outcome is counted in
 * {@code security_audit_events_total{outcome}}. Methods never throw. A request without a user (null
 * or blank {@code userId}) is anonymous, a normal case: its {@code user_id_hash} is {@code anonymous}
 * and no fault is counted. Other missing input is recorded as {@code unknown} and counted as a fault.
 */
public final class SecurityAudit {

    /** The SLF4J logger name of security audit events. */
    public static final String LOGGER = "obs.audit.security";

    static final String UNKNOWN = "unknown";
    /** The {@code user_id_hash} of a request without a user: a normal case, not a fault. */
    static final String ANONYMOUS = "anonymous";

    private static final int MAX_ID_CHARS = 1024;

    private final SecurityMetrics metrics;
    private final Observability obs;
    private final Faults faults;
    private final KeyedHash hash;
    private final AuditWriter<SecurityAuditEvent> writer;

    private SecurityAudit(SecurityMetrics metrics, KeyedHash hash, AuditWriter<SecurityAuditEvent> writer) {
        this.metrics = metrics;
        this.obs = metrics.kit().observability();
        this.faults = metrics.kit().faults();
        this.hash = hash;
        this.writer = writer;
    }

    /**
     * A builder over {@code metrics}, whose counters the audited methods also increment.
     *
     * @param metrics the security metrics the audited methods count into
     * @return a builder that still needs a hash key
     */
    public static Builder builder(SecurityMetrics metrics) {
        return new Builder(Objects.requireNonNull(metrics, "metrics"));
    }

    /**
     * Counts a failed login and records who tried and from where. Never throws.
     *
     * @param userId the login name tried, hashed before it is written; null when unknown
     * @param clientIp the client address, hashed before it is written; null when unknown
     * @return the event as written to the log and the sink
     */
    public SecurityAuditEvent loginFailed(@Nullable String userId, @Nullable String clientIp) {
        metrics.loginFailed();
        LinkedHashMap<String, String> fields = head("auth_login_failed");
        fields.put("user_id_hash", user(userId));
        fields.put("client_ip_hash", ip(clientIp));
        return write(fields);
    }

    /**
     * Counts an account lockout and records which account and the client that triggered it. Never throws.
     *
     * @param userId the locked account, hashed before it is written; null when unknown
     * @param clientIp the client address, hashed before it is written; null when unknown
     * @return the event as written to the log and the sink
     */
    public SecurityAuditEvent accountLocked(@Nullable String userId, @Nullable String clientIp) {
        metrics.accountLocked();
        LinkedHashMap<String, String> fields = head("auth_account_locked");
        fields.put("user_id_hash", user(userId));
        fields.put("client_ip_hash", ip(clientIp));
        return write(fields);
    }

    /**
     * Counts a denied permission check on {@code resource} and records who was denied. Never throws.
     *
     * @param resource the resource access was denied to; null counts as {@code unknown}
     * @param userId the denied user, hashed before it is written; null when unknown
     * @param clientIp the client address, hashed before it is written; null when unknown
     * @return the event as written to the log and the sink
     */
    public SecurityAuditEvent permissionDenied(
            @Nullable SecurityResource resource, @Nullable String userId, @Nullable String clientIp) {
        metrics.permissionDenied(resource);
        LinkedHashMap<String, String> fields = head("authz_permission_denied");
        fields.put("resource", resource == null ? UNKNOWN : resource.label());
        fields.put("user_id_hash", user(userId));
        fields.put("client_ip_hash", ip(clientIp));
        return write(fields);
    }

    /**
     * Counts a client exceeding the limit of {@code endpoint} (a route template) and records the client.
     *
     * @param endpoint the route template, e.g. {@code /api/v1/customers/{id}}
     * @param clientIp the client address, hashed before it is written; null when unknown
     * @return the event as written to the log and the sink
     */
    public SecurityAuditEvent rateLimitViolation(@Nullable String endpoint, @Nullable String clientIp) {
        SecurityMetrics.Endpoint counted = metrics.endpoint(endpoint);
        counted.violation();
        LinkedHashMap<String, String> fields = head("rate_limit_violation");
        fields.put("endpoint", counted.label());
        fields.put("client_ip_hash", ip(clientIp));
        return write(fields);
    }

    /**
     * Counts a client blocked by the rate limiter on {@code endpoint} and records the client. Never throws.
     *
     * @param endpoint the route template, e.g. {@code /api/v1/customers/{id}}
     * @param clientIp the client address, hashed before it is written; null when unknown
     * @return the event as written to the log and the sink
     */
    public SecurityAuditEvent rateLimitBlock(@Nullable String endpoint, @Nullable String clientIp) {
        metrics.rateLimitBlock();
        LinkedHashMap<String, String> fields = head("rate_limit_block");
        fields.put("endpoint", metrics.endpoint(endpoint).label());
        fields.put("client_ip_hash", ip(clientIp));
        return write(fields);
    }

    /**
     * Counts suspicious activity of {@code type} and records the user (if known) and client. Never throws.
     *
     * @param type the kind of activity; null counts as {@code unknown}
     * @param userId the user, hashed before it is written; null when unknown
     * @param clientIp the client address, hashed before it is written; null when unknown
     * @return the event as written to the log and the sink
     */
    public SecurityAuditEvent suspiciousActivity(
            @Nullable SuspiciousActivity type, @Nullable String userId, @Nullable String clientIp) {
        metrics.suspiciousActivity(type);
        LinkedHashMap<String, String> fields = head("security_suspicious_activity");
        fields.put("type", type == null ? UNKNOWN : type.label());
        fields.put("user_id_hash", user(userId));
        fields.put("client_ip_hash", ip(clientIp));
        return write(fields);
    }

    /**
     * Counts a request refused for {@code reason} and records the client. Never throws.
     *
     * @param reason why the request was refused; null counts as {@code unknown}
     * @param clientIp the client address, hashed before it is written; null when unknown
     * @return the event as written to the log and the sink
     */
    public SecurityAuditEvent requestBlocked(@Nullable BlockReason reason, @Nullable String clientIp) {
        metrics.requestBlocked(reason);
        LinkedHashMap<String, String> fields = head("security_request_blocked");
        fields.put("reason", reason == null ? UNKNOWN : reason.label());
        fields.put("client_ip_hash", ip(clientIp));
        return write(fields);
    }

    /**
     * A ready-made check for {@code HealthChecks}: DOWN while the last security record was not recorded
     * (audit file not written, sink failed), with why.
     *
     * <pre>{@code
     * health.register("audit_security", Duration.ofSeconds(1), audit.healthCheck());
     * }</pre>
     *
     * @return a check that is UP while security records are written
     */
    public HealthCheck healthCheck() {
        return writer.healthCheck();
    }

    private LinkedHashMap<String, String> head(String event) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event);
        // a broken clock must not cost the record
        fields.put(
                "timestamp",
                faults.guard(
                        SecurityCatalogue.AUDIT_EVENTS,
                        () -> DateTimeFormatter.ISO_INSTANT.format(obs.clock().instant()),
                        UNKNOWN));
        fields.put("service", obs.serviceName());
        return fields;
    }

    /** An absent (null or blank) user is an anonymous request: recorded as {@code anonymous}, not a fault. */
    private String user(@Nullable String userId) {
        return userId == null || userId.isBlank() ? ANONYMOUS : hashed("user", userId);
    }

    /** Addresses are hashed as given, trimmed and lower-cased (IPv6 hex digits); no DNS lookup is made. */
    private String ip(@Nullable String clientIp) {
        return hashed("ip", clientIp == null ? null : clientIp.strip().toLowerCase(Locale.ROOT));
    }

    private String hashed(String domain, @Nullable String value) {
        if (value == null || value.isBlank()) {
            fault(FaultReason.NULL_VALUE);
            return UNKNOWN;
        }
        String id;
        if (value.length() > MAX_ID_CHARS) {
            fault(FaultReason.VALUE_TOO_LARGE);
            id = value.substring(0, MAX_ID_CHARS);
        } else {
            id = value;
        }
        return faults.guard(SecurityCatalogue.AUDIT_EVENTS, () -> hash.hash(domain, id), UNKNOWN);
    }

    private SecurityAuditEvent write(LinkedHashMap<String, String> fields) {
        String traceId = Spans.currentTraceId();
        if (!traceId.isEmpty()) {
            fields.put("trace_id", traceId);
        }
        SecurityAuditEvent event = new SecurityAuditEvent(fields);
        writer.write(event);
        return event;
    }

    private void fault(FaultReason reason) {
        faults.record(SecurityCatalogue.AUDIT_EVENTS, reason);
    }

    /** Builds a {@link SecurityAudit}; {@link #build()} fails fast on a missing or weak key. */
    public static final class Builder {
        private final SecurityMetrics metrics;
        private byte @Nullable [] hashKey;
        private @Nullable SecurityAuditSink sink;

        private Builder(SecurityMetrics metrics) {
            this.metrics = metrics;
        }

        /**
         * The HMAC-SHA256 key user ids and client IPs are hashed with: at least 32 random bytes from the
         * service's secret store (copied). Required. A new key makes new hashes, so rotating it breaks
         * correlation with earlier events.
         *
         * @param key the key bytes from the secret store, copied
         * @return this builder
         */
        public Builder hashKey(byte[] key) {
            this.hashKey = Objects.requireNonNull(key, "key").clone();
            return this;
        }

        /**
         * The durable destination of every event, besides the {@value SecurityAudit#LOGGER} logger.
         *
         * @param sink the sink; a write that throws marks the record as lost
         * @return this builder
         */
        public Builder sink(SecurityAuditSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * The audit facade.
         *
         * @return the audit facade
         * @throws IllegalArgumentException when the key is shorter than 32 bytes or does not look random
         * @throws IllegalStateException when no key is set, or when there is no sink and the
         *     {@value SecurityAudit#LOGGER} logger is disabled at INFO (every event would be lost)
         */
        public SecurityAudit build() {
            byte[] key = hashKey;
            if (key == null) {
                throw new IllegalStateException("SecurityAudit needs hashKey(...): at least 32 random bytes from the"
                        + " service's secret store, used to hash user ids and client IPs in audit events");
            }
            KeyedHash hash = KeyedHash.of(key, "SecurityAudit.hashKey");
            AuditWriter<SecurityAuditEvent> writer = AuditWriter.create(
                    metrics.kit().observability(),
                    LOGGER,
                    SecurityCatalogue.AUDIT_EVENTS,
                    SecurityCatalogue.OUTCOME,
                    sink,
                    "SecurityAudit.builder(...).sink(...)");
            return new SecurityAudit(metrics, hash, writer);
        }
    }
}
