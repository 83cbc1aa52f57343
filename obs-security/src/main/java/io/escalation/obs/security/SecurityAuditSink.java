package io.escalation.obs.security;

/**
 * Where security audit events are kept durably: a database table, an append-only file, a SIEM
 * forwarder with delivery guarantees. Called synchronously on the recording thread, once per event;
 * the library neither samples, batches nor drops events, so a sink should be quick and must not lose
 * what it accepted. A sink that throws has the failure counted in
 * {@code security_audit_events_total{outcome="sink_failed"}}; the event still reaches the
 * {@value SecurityAudit#LOGGER} logger.
 *
 * <pre>{@code
 * SecurityAuditSink sink = event -> siem.append(event.toJson());
 * }</pre>
 */
@FunctionalInterface
public interface SecurityAuditSink {

    /** Stores {@code event}; throw to report that it could not be stored. */
    void write(SecurityAuditEvent event);
}
