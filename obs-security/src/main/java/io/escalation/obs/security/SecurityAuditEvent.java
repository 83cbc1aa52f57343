package io.escalation.obs.security;

import io.escalation.obs.core.audit.AuditEvent;
import io.escalation.obs.core.audit.AuditJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One security audit record as ordered string fields. It never holds a raw user id or IP address:
 * they appear as {@code user_id_hash} and {@code client_ip_hash}, HMAC-SHA256 under the service's key.
 *
 * <pre>{@code
 * SecurityAuditEvent event = audit.rateLimitViolation("/api/v1/campaigns", request.remoteAddress());
 * event.toJson();   // {"event":"rate_limit_violation","timestamp":"...","service":"...","endpoint":"/api/v1/campaigns","client_ip_hash":"..."}
 * }</pre>
 *
 * <p>Every event has {@code event}, {@code timestamp} (UTC, ISO-8601, from the service clock) and
 * {@code service}; then, by event: {@code auth_login_failed} and {@code auth_account_locked}:
 * {@code user_id_hash}, {@code client_ip_hash}; {@code authz_permission_denied}: {@code resource},
 * {@code user_id_hash}, {@code client_ip_hash}; {@code rate_limit_violation} and
 * {@code rate_limit_block}: {@code endpoint}, {@code client_ip_hash};
 * {@code security_suspicious_activity}: {@code type}, {@code user_id_hash}, {@code client_ip_hash};
 * {@code security_request_blocked}: {@code reason}, {@code client_ip_hash}. When a span is current,
 * {@code trace_id} ends the event. A request without a user has {@code user_id_hash}
 * {@code anonymous}; other missing input shows as {@code unknown}.
 */
public final class SecurityAuditEvent implements AuditEvent {

    private final Map<String, String> fields;

    SecurityAuditEvent(LinkedHashMap<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** The kind of record, e.g. {@code auth_login_failed}. */
    @Override
    public String type() {
        return fields.get("event");
    }

    /** Every field in order, unmodifiable. */
    @Override
    public Map<String, String> fields() {
        return fields;
    }

    /**
     * One field, or null when the event has no such field.
     *
     * @param key the field name, e.g. {@code client_ip_hash}
     * @return the field's value as written
     */
    public @Nullable String get(String key) {
        return fields.get(key);
    }

    /**
     * The event as one line of JSON, fields in order.
     *
     * @return the JSON object without a line break
     */
    public String toJson() {
        return AuditJson.object(fields);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
