/**
 * A servlet {@code Filter} for {@code jakarta.servlet} containers (Jetty 12, Tomcat 10.1+,
 * Undertow): {@link io.escalation.obs.http.servlet.ObsServletFilter} records every request of a
 * web application like {@link io.escalation.obs.http.HttpServerFilter} does for the JDK server.
 * The servlet API is an optional dependency of obs-http: the container provides it.
 */
@NullMarked
package io.escalation.obs.http.servlet;

import org.jspecify.annotations.NullMarked;
