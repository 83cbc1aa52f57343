package io.escalation.obs.core.audit;

import java.util.Map;

/**
 * One audit record as ordered string fields, the contract {@link io.escalation.obs.core.spi.audit.AuditWriter} writes. Fields never
 * hold raw identifiers: ids go in as {@link KeyedHash} hashes.
 *
 * <pre>{@code
 * AuditEvent event = audit.loginFailed(userId, clientIp);
 * event.type();                      // "auth_login_failed"
 * AuditJson.object(event.fields());  // {"event":"auth_login_failed",...}
 * }</pre>
 */
public interface AuditEvent {

    /**
     * The kind of record, e.g. {@code auth_login_failed}; the message of its log line.
     *
     * @return the record type
     */
    String type();

    /**
     * Every field in order, unmodifiable.
     *
     * @return field names to values
     */
    Map<String, String> fields();
}
