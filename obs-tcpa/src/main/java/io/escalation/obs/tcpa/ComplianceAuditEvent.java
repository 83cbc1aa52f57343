package io.escalation.obs.tcpa;

import io.escalation.obs.core.audit.AuditEvent;
import io.escalation.obs.core.audit.AuditJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One compliance audit record: a check decision ({@code event} {@code tcpa_check}) or an opt-out
 * received ({@code tcpa_opt_out}), as ordered string fields. It never holds a raw phone number, name
 * or consumer id: the consumer is {@code consumer_id_hash}, an HMAC-SHA256 under the service's key.
 *
 * <pre>{@code
 * ComplianceAuditEvent event = audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE, id, zone, now);
 * event.get("consumer_local_time");   // "2026-03-08T07:59:59-04:00"
 * event.toJson();                     // {"event":"tcpa_check","timestamp":"2026-03-08T11:59:59Z",...}
 * }</pre>
 *
 * <p>Fields of {@code tcpa_check}: {@code event}, {@code timestamp} (the decision's instant, UTC,
 * ISO-8601), {@code service}, {@code channel}, {@code decision} ({@code allowed} or {@code blocked}),
 * {@code reason} ({@code none} when allowed), {@code rule} (the citation, {@code none} when allowed),
 * {@code consumer_id_hash}, {@code consumer_time_zone}, {@code consumer_local_time} (ISO-8601 with the
 * offset in force) and, when a span is current, {@code trace_id}. {@code tcpa_opt_out} has
 * {@code event}, {@code timestamp} (receipt), {@code service}, {@code channel}, {@code decision}
 * ({@code opt_out_received}), {@code reason}, {@code rule}, {@code consumer_id_hash},
 * {@code deadline_time_zone}, {@code last_day_to_honour}, {@code deadline} and maybe {@code trace_id}.
 * Missing input shows as {@code unknown}.
 */
public final class ComplianceAuditEvent implements AuditEvent {

    private final Map<String, String> fields;

    ComplianceAuditEvent(LinkedHashMap<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** The kind of record: {@code tcpa_check} or {@code tcpa_opt_out}. */
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
     * @param key the field name, e.g. {@code consumer_id_hash}
     * @return the field's value as written
     */
    public @Nullable String get(String key) {
        return fields.get(key);
    }

    /**
     * Whether this is a check that allowed the contact. A fail-closed {@link ComplianceAudit} answers
     * a blocked event ({@code reason} {@code audit_unavailable}) from {@code allowed(...)} when the
     * allowed record could not be recorded: contact the consumer only when this is true.
     *
     * @return true when the contact may go ahead
     */
    public boolean allowed() {
        return "allowed".equals(fields.get("decision"));
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
