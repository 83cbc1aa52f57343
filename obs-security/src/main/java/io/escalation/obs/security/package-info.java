/**
 * Security observability: authentication, authorization, rate limiting and suspicious activity as
 * bounded-label metrics, with the per-user and per-client facts in keyed-hash audit events.
 */
@NullMarked
package io.escalation.obs.security;

import org.jspecify.annotations.NullMarked;
