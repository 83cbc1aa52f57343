/**
 * LLM observability: {@link io.escalation.obs.llm.LlmMetrics} records tokens, cost from a
 * {@link io.escalation.obs.llm.PriceTable}, an optional {@link io.escalation.obs.llm.LlmBudget},
 * requests, retries, fallbacks and response quality, and {@link io.escalation.obs.llm.LlmCall}
 * wraps one request in an OpenTelemetry GenAI client span.
 */
@NullMarked
package io.escalation.obs.llm;

import org.jspecify.annotations.NullMarked;
