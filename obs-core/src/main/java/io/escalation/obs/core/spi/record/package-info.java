/** Counting and reporting bad input to recording calls: {@code obs_instrumentation_errors_total}. */
@NullMarked
package io.escalation.obs.core.spi.record;

import org.jspecify.annotations.NullMarked;
