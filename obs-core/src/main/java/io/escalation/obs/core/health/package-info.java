/** Health checks with timeouts, their {@code health_check_*} metrics and a JSON report. */
@NullMarked
package io.escalation.obs.core.health;

import org.jspecify.annotations.NullMarked;
