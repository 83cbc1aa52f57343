package io.escalation.obs.tcpa;

/**
 * Where compliance audit events are kept durably: a database table, an append-only file, a queue
 * with delivery guarantees. Called synchronously on the thread that recorded the decision, once per
 * event; the library neither samples, batches nor drops events, so a sink should be quick (append
 * and return) and must not lose what it accepted. A sink that throws has the failure counted in
 * {@code tcpa_audit_events_total{outcome="sink_failed"}}; the event still reaches the
 * {@value ComplianceAudit#LOGGER} logger.
 *
 * <pre>{@code
 * ComplianceAuditSink sink = event -> auditTable.insert(event.get("timestamp"), event.toJson());
 * }</pre>
 */
@FunctionalInterface
public interface ComplianceAuditSink {

    /** Stores {@code event}; throw to report that it could not be stored. */
    void write(ComplianceAuditEvent event);
}
