/** An embedded HTTP endpoint serving {@code /metrics} and {@code /health} from the JDK's HTTP server. */
@NullMarked
package io.escalation.obs.core.endpoint;

import org.jspecify.annotations.NullMarked;
