/** PII and secret masking for logs, errors, spans and label values. */
@NullMarked
package io.escalation.obs.core.pii;

import org.jspecify.annotations.NullMarked;
