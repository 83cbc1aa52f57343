/**
 * The label guard: the only way a caller-supplied label value reaches a meter. It caps length,
 * replaces control characters, turns PII into {@code redacted} and folds values beyond a per-label
 * cap into {@code other}, before any meter id is created.
 */
@NullMarked
package io.escalation.obs.core.label;

import org.jspecify.annotations.NullMarked;
