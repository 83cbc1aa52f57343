/**
 * Business metrics of client-escalation-calls: campaigns and tasks
 * ({@link io.escalation.obs.business.CampaignMetrics}), payments with exact USD amounts
 * ({@link io.escalation.obs.business.PaymentMetrics}), customer contacts
 * ({@link io.escalation.obs.business.ContactMetrics}) and agent performance
 * ({@link io.escalation.obs.business.AgentMetrics}). Rates are derived in PromQL from counters;
 * see docs/business.md.
 */
@NullMarked
package io.escalation.obs.business;

import org.jspecify.annotations.NullMarked;
