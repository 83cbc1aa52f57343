/**
 * The shared mechanism of audit events: {@link io.escalation.obs.core.audit.KeyedHash} (keyed hashes
 * of identifiers, so that no event stores a raw id), {@link io.escalation.obs.core.audit.AuditJson}
 * (one line of JSON per event), {@link io.escalation.obs.core.spi.audit.AuditWriter} (the audit logger
 * plus a durable sink, every outcome counted, a health check) and
 * {@link io.escalation.obs.core.spi.audit.AuditReceipt} (how an audit appender reports whether a record
 * reached its file). Domain modules build their own typed audit facades on
 * top of these.
 */
@NullMarked
package io.escalation.obs.core.audit;

import org.jspecify.annotations.NullMarked;
