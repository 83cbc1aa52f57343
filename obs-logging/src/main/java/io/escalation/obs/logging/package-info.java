/**
 * Logback JSON logs for obs services: {@link io.escalation.obs.logging.ObsJsonEncoder} (one masked
 * JSON object per line), {@link io.escalation.obs.logging.ObsAsyncAppender} (never blocks, counts
 * what it drops), {@link io.escalation.obs.logging.ObsAuditAppender} (the audit files: synchronous,
 * every record's success or failure reported to the audit writer), {@link io.escalation.obs.logging.LogCategory} (the named loggers of the log
 * categories) and {@link io.escalation.obs.logging.ObsLogging} (binds the logs to an
 * {@code Observability}). The ready configuration is the resource
 * {@code io/escalation/obs/logging/obs-logback.xml}.
 */
@NullMarked
package io.escalation.obs.logging;

import org.jspecify.annotations.NullMarked;
