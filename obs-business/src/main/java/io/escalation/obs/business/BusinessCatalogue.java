package io.escalation.obs.business;

import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;
import java.time.Duration;

/**
 * obs-business's metrics and their labels, one declaration each, in catalogue order. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class BusinessCatalogue extends ModuleCatalogue {

    /** Label {@code status} of {@code campaigns}: the campaign status. */
    public static final Label CAMPAIGN_STATUS = Label.of("status", CampaignStatus.class);
    /** Label {@code status} of {@code tasks}: the task status. */
    public static final Label TASK_STATUS = Label.of("status", TaskStatus.class);
    /** Label {@code outcome}: how a campaign or one of its tasks ended. */
    public static final Label OUTCOME = Label.of("outcome", CampaignOutcome.class);
    /** Label {@code channel}: the channel a customer was contacted or responded through. */
    public static final Label CHANNEL = Label.of("channel", Channel.class);
    /** Label {@code agent_type}: the kind of AI agent. */
    public static final Label AGENT_TYPE = Label.of("agent_type", AgentType.class);
    /** Label {@code agent_id}: an AI agent instance's id, chosen by the service; guarded. */
    public static final Label AGENT_ID = Label.open(
            "agent_id",
            "AI agent instance id chosen by the service, e.g." + " voice-agent-3; never a person or a customer");

    /** {@code campaigns}: campaigns in each status, as the service last set them. */
    public static final Metric CAMPAIGNS = Metric.gauge("campaigns")
            .help("Campaigns in each status, as last reported by the service (the whole system's count: every replica"
                    + " reports the same value, so aggregate with max, not sum)")
            .labels(CAMPAIGN_STATUS)
            .compatibility(
                    "reference architecture: campaigns_total{status}; a gauge named *_total breaks Prometheus conventions (_total marks"
                            + " counters), so the suffix is dropped")
            .build();
    /** {@code campaigns_finished_total}: campaigns that ended, by outcome. */
    public static final Metric CAMPAIGNS_FINISHED = Metric.counter("campaigns.finished")
            .help("Campaigns that ended, by outcome")
            .labels(OUTCOME)
            .compatibility(
                    "not in the reference architecture: replaces the precomputed campaigns_success_rate gauge, which becomes a recording"
                            + " rule over this counter (docs/business.md)")
            .build();
    /** {@code campaigns_duration_seconds}: how long campaigns ran, by outcome. */
    public static final Metric CAMPAIGNS_DURATION = Metric.timer("campaigns.duration")
            .buckets(
                    Duration.ofHours(1),
                    Duration.ofHours(6),
                    Duration.ofHours(12),
                    Duration.ofDays(1),
                    Duration.ofDays(2),
                    Duration.ofDays(3),
                    Duration.ofDays(7),
                    Duration.ofDays(14),
                    Duration.ofDays(30),
                    Duration.ofDays(60),
                    Duration.ofDays(90)) // campaigns run for hours to weeks
            .help("How long campaigns ran from start to end, by outcome (1 h to 90 d buckets)")
            .labels(OUTCOME)
            .compatibility(
                    "reference architecture: campaigns_avg_duration_hours; a histogram in the base unit (seconds) instead of a"
                            + " precomputed average in hours: average = _sum / _count")
            .build();
    /** {@code tasks}: tasks in each status, as the service last set them. */
    public static final Metric TASKS = Metric.gauge("tasks")
            .help("Tasks in each status, as last reported by the service (aggregate with max, not sum)")
            .labels(TASK_STATUS)
            .compatibility(
                    "reference architecture: tasks_total{status}; a gauge named *_total breaks Prometheus conventions, so the suffix is"
                            + " dropped")
            .build();
    /** {@code tasks_finished_total}: tasks that ended, by outcome. */
    public static final Metric TASKS_FINISHED = Metric.counter("tasks.finished")
            .help("Tasks that ended, by outcome")
            .labels(OUTCOME)
            .compatibility(
                    "not in the reference architecture: replaces the precomputed tasks_completion_rate, which becomes a recording rule")
            .build();
    /** {@code payments_collected_total}: payments collected. */
    public static final Metric PAYMENTS_COLLECTED =
            Metric.counter("payments.collected").help("Payments collected").build();
    /** {@code payments_collected_amount_usd_total}: US dollars collected. */
    public static final Metric PAYMENTS_COLLECTED_AMOUNT = Metric.counter("payments.collected.amount")
            .unit("usd")
            .help("US dollars collected, summed exactly (in micro-dollars) and exposed in dollars")
            .compatibility("reference architecture: payments_collected_amount_usd; a counter must end in _total")
            .build();
    /** {@code payments_promised_total}: promises to pay obtained. */
    public static final Metric PAYMENTS_PROMISED =
            Metric.counter("payments.promised").help("Promises to pay obtained").build();
    /** {@code payments_failed_total}: payment attempts that failed. */
    public static final Metric PAYMENTS_FAILED = Metric.counter("payments.failed")
            .help("Payment attempts that failed")
            .compatibility(
                    "the reference architecture's payment_collection_rate gauge becomes a recording rule over the payments_* counters")
            .build();
    /** {@code customers_contacted_total}: contacts made, by channel. */
    public static final Metric CUSTOMERS_CONTACTED = Metric.counter("customers.contacted")
            .help("Customer contacts made, by channel")
            .labels(CHANNEL)
            .build();
    /** {@code customers_responded_total}: responses received, by channel. */
    public static final Metric CUSTOMERS_RESPONDED = Metric.counter("customers.responded")
            .help("Customer responses received, by channel")
            .labels(CHANNEL)
            .compatibility(
                    "the reference architecture's has no channel label; added so that the response rate (a recording rule replacing the reference architecture's"
                            + " customer_response_rate gauge) can be read per channel")
            .build();
    /** {@code agent_tasks_completed_total}: tasks AI agents finished, by agent, type and outcome. */
    public static final Metric AGENT_TASKS_COMPLETED = Metric.counter("agent.tasks.completed")
            .help("Tasks AI agents finished handling, by agent instance, agent type and outcome")
            .labels(AGENT_ID, AGENT_TYPE, OUTCOME)
            .compatibility(
                    "reference architecture: agent_tasks_completed_total{agent_id}; agent_id is kept and guarded (an AI agent instance, never"
                            + " a person or customer: PII becomes redacted, ids beyond the per-label cap fold into other),"
                            + " agent_type is added, and the outcome label replaces the precomputed agent_success_rate")
            .build();
    /** {@code agent_handling_time_seconds}: time an AI agent spent on a task. */
    public static final Metric AGENT_HANDLING_TIME = Metric.timer("agent.handling.time")
            .buckets(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(1),
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(30),
                    Duration.ofHours(1)) // e-mails take seconds, calls minutes
            .help("Time an AI agent spent on a task, by agent instance and type (1 s to 1 h buckets)")
            .labels(AGENT_ID, AGENT_TYPE)
            .compatibility(
                    "reference architecture: agent_avg_handling_time_seconds{agent_id}; a histogram (average = _sum / _count) instead of a"
                            + " precomputed average; agent_id kept and guarded, agent_type added")
            .build();
    /** {@code agent_tasks_active}: tasks an AI agent is handling now. */
    public static final Metric AGENT_TASKS_ACTIVE = Metric.gauge("agent.tasks.active")
            .help("Tasks an AI agent is handling now, by agent instance and type")
            .labels(AGENT_ID, AGENT_TYPE)
            .compatibility(
                    "not in the reference architecture: with agent_capacity replaces agent_utilization_rate{agent_id}, which becomes a"
                            + " recording rule (active / capacity); agent_id guarded")
            .build();
    /** {@code agent_capacity}: tasks an AI agent can handle at once. */
    public static final Metric AGENT_CAPACITY = Metric.gauge("agent.capacity")
            .help("Tasks an AI agent can handle at once, as configured by the service; absent until set")
            .labels(AGENT_ID, AGENT_TYPE)
            .compatibility(
                    "not in the reference architecture: the denominator of the agent utilisation recording rule; agent_id guarded")
            .build();

    /** Public for {@link java.util.ServiceLoader}. */
    public BusinessCatalogue() {
        super("obs-business");
    }
}
