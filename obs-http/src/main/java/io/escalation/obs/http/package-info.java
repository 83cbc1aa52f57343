/**
 * HTTP RED metrics (rate, errors, duration), inbound and outbound: route templates instead of raw
 * paths, server and client spans with OpenTelemetry HTTP attributes, request ids in the SLF4J MDC,
 * a ready {@code com.sun.net.httpserver.Filter} and, in {@code .servlet}, a {@code jakarta.servlet}
 * filter. Start with {@link io.escalation.obs.http.HttpMetrics}.
 */
@NullMarked
package io.escalation.obs.http;

import org.jspecify.annotations.NullMarked;
