/** Span helpers over the OpenTelemetry API, with masked attributes, and trace ids for log correlation. */
@NullMarked
package io.escalation.obs.core.trace;

import org.jspecify.annotations.NullMarked;
