/**
 * Sentry error reporting for obs services, scrubbed by the {@code Observability}'s
 * {@code PiiMasker}: {@link io.escalation.obs.errors.ErrorReporter} initialises Sentry and
 * captures exceptions with the service's context; {@link io.escalation.obs.errors.ObsSentryAppender}
 * sends logback ERROR events through the same scrubbing.
 */
@NullMarked
package io.escalation.obs.errors;

import org.jspecify.annotations.NullMarked;
