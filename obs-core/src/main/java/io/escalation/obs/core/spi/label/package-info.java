/**
 * For obs module authors: the label guard a facade's open labels go through. {@link
 * io.escalation.obs.core.spi.label.LabelGuard} turns PII (judged on a normalised copy) into {@code
 * redacted}, caps length, replaces control and format characters and folds values beyond a
 * per-label cap into {@code other} before any meter id is created; {@link
 * io.escalation.obs.core.spi.label.SeriesBudget} caps the series of a whole meter. Users configure
 * it with {@link io.escalation.obs.core.label.LabelPolicy}.
 */
@NullMarked
package io.escalation.obs.core.spi.label;

import org.jspecify.annotations.NullMarked;
