/**
 * The metric catalogue: every meter an obs module can emit is declared once, as an enum constant
 * implementing {@link io.escalation.obs.core.spi.catalog.ObsMeter}, and published through a
 * {@link io.escalation.obs.core.spi.catalog.MeterCatalogue} service so that docs, dashboards and
 * alert rules can be checked against it.
 */
@NullMarked
package io.escalation.obs.core.spi.catalog;

import org.jspecify.annotations.NullMarked;
