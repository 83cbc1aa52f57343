/**
 * For obs module authors, the metric catalogue: every meter a module can emit is declared once, as a
 * {@link io.escalation.obs.core.spi.catalog.Metric} constant of the module's {@link
 * io.escalation.obs.core.spi.catalog.ModuleCatalogue}, published as a {@link
 * io.escalation.obs.core.spi.catalog.MeterCatalogue} service so that docs, dashboards and alert rules
 * are checked against it. Labels are {@link io.escalation.obs.core.spi.catalog.Label} constants.
 */
@NullMarked
package io.escalation.obs.core.spi.catalog;

import org.jspecify.annotations.NullMarked;
