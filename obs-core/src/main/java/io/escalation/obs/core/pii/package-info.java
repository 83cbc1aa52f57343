/**
 * PII masking for log lines, span attributes and metric labels.
 *
 * <p>{@link io.escalation.obs.core.pii.PiiMasker} finds e-mail addresses, phone numbers, SSNs, payment
 * cards, IBANs, IP addresses, API keys and passwords in free text and replaces them with a label
 * naming the type, such as {@code [EMAIL]}.
 */
@NullMarked
package io.escalation.obs.core.pii;

import org.jspecify.annotations.NullMarked;
