/**
 * For obs module authors: recording that never throws. {@link io.escalation.obs.core.spi.record.Faults}
 * drops, clamps and counts bad input ({@code obs_instrumentation_errors_total}) and wraps each recording
 * step; {@link io.escalation.obs.core.spi.record.MeterTable}, {@link
 * io.escalation.obs.core.spi.record.CounterTable} and {@link io.escalation.obs.core.spi.record.TimerTable}
 * hold enum-indexed meters registered on first use.
 */
@NullMarked
package io.escalation.obs.core.spi.record;

import org.jspecify.annotations.NullMarked;
