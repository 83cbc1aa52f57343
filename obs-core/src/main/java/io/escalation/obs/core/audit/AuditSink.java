package io.escalation.obs.core.audit;

/**
 * Where audit events are kept durably: a database table, an append-only file, a forwarder with
 * delivery guarantees. {@link io.escalation.obs.core.spi.audit.AuditWriter} calls it synchronously on the recording thread, once per
 * event, and neither samples, batches nor drops events, so a sink should be quick and must not lose
 * what it accepted. Throw to report that an event could not be stored.
 *
 * <pre>{@code
 * AuditSink<SecurityAuditEvent> sink = event -> siem.append(AuditJson.object(event.fields()));
 * }</pre>
 *
 * @param <E> the domain's event type
 */
@FunctionalInterface
public interface AuditSink<E extends AuditEvent> {

    /**
     * Stores {@code event}; throw to report that it could not be stored.
     *
     * @param event the event to store
     */
    void write(E event);
}
