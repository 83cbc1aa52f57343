/**
 * The label guard: the only way a caller-supplied label value reaches a meter. It turns PII
 * (judged on a normalised copy: see {@code LabelText}) into {@code redacted}, caps length, replaces
 * control and format characters and folds values beyond a per-label cap into {@code other}, before
 * any meter id is created; {@link io.escalation.obs.core.label.SeriesBudget} caps the series of a
 * whole meter.
 */
@NullMarked
package io.escalation.obs.core.label;

import org.jspecify.annotations.NullMarked;
