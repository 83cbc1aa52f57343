/**
 * Label settings users choose: {@link io.escalation.obs.core.label.LabelPolicy} caps the distinct
 * values of each open label and the series of each meter. The guard that applies it lives in
 * {@code io.escalation.obs.core.spi.label}.
 */
@NullMarked
package io.escalation.obs.core.label;

import org.jspecify.annotations.NullMarked;
