/**
 * For obs module authors: {@link io.escalation.obs.core.spi.audit.AuditWriter}, the audit trail a
 * module's audit facade writes through, whose writes report their fate and whose failures are
 * counted and reported by a health check. Users implement {@link io.escalation.obs.core.audit.AuditSink}.
 */
@NullMarked
package io.escalation.obs.core.spi.audit;

import org.jspecify.annotations.NullMarked;
