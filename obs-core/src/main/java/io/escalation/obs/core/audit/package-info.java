/**
 * The shared mechanism of audit events: {@link io.escalation.obs.core.audit.KeyedHash} (keyed hashes
 * of identifiers, so that no event stores a raw id), {@link io.escalation.obs.core.audit.AuditJson}
 * (one line of JSON per event) and {@link io.escalation.obs.core.audit.AuditWriter} (the audit logger
 * plus a durable sink, every outcome counted). Domain modules build their own typed audit facades on
 * top of these.
 */
@NullMarked
package io.escalation.obs.core.audit;

import org.jspecify.annotations.NullMarked;
