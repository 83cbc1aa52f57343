/**
 * The kit for obs module authors, not for users: {@link io.escalation.obs.core.spi.ModuleKit} gives
 * a facade its registry, fault counter and label guard; {@code spi.catalog} declares metrics
 * ({@link io.escalation.obs.core.spi.catalog.Metric}, {@link io.escalation.obs.core.spi.catalog.Label},
 * {@link io.escalation.obs.core.spi.catalog.ModuleCatalogue}) and the tags every series carries
 * ({@link io.escalation.obs.core.spi.catalog.CommonTags}); {@code spi.record} records without
 * throwing ({@link io.escalation.obs.core.spi.record.Faults}, {@link
 * io.escalation.obs.core.spi.record.CounterTable}, {@link io.escalation.obs.core.spi.record.TimerTable});
 * {@code spi.label} guards open label values. docs/module-guide.md walks through adding a metric.
 * Only obs modules may depend on these packages (enforced by the architecture tests).
 */
@NullMarked
package io.escalation.obs.core.spi;

import org.jspecify.annotations.NullMarked;
