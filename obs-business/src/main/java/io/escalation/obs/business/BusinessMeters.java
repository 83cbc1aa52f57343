package io.escalation.obs.business;

import io.escalation.obs.core.spi.catalog.MeterSpec;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-business's meters: campaigns, tasks, payments, customer contacts, agents. */
public enum BusinessMeters implements ObsMeter {
    /** Gauge {@code campaigns}: campaigns in each status, as the service last set them. */
    CAMPAIGNS("campaigns", Meter.Type.GAUGE, null,
            "Campaigns in each status, as last reported by the service (the whole system's count: every replica"
                    + " reports the same value, so aggregate with max, not sum)",
            "seed: campaigns_total{status}; a gauge named *_total breaks Prometheus conventions (_total marks"
                    + " counters), so the suffix is dropped", BusinessLabels.CAMPAIGN_STATUS),
    /** Counter {@code campaigns.finished}: campaigns that ended, by outcome. */
    CAMPAIGNS_FINISHED("campaigns.finished", Meter.Type.COUNTER, null, "Campaigns that ended, by outcome",
            "not in the seed: replaces the precomputed campaigns_success_rate gauge, which becomes a recording"
                    + " rule over this counter (docs/business.md)", BusinessLabels.OUTCOME),
    /** Timer {@code campaigns.duration}: how long campaigns ran, by outcome. */
    CAMPAIGNS_DURATION("campaigns.duration", Meter.Type.TIMER, null,
            "How long campaigns ran from start to end, by outcome (1 h to 90 d buckets)",
            "seed: campaigns_avg_duration_hours; a histogram in the base unit (seconds) instead of a"
                    + " precomputed average in hours: average = _sum / _count", BusinessLabels.OUTCOME),
    /** Gauge {@code tasks}: tasks in each status, as the service last set them. */
    TASKS("tasks", Meter.Type.GAUGE, null,
            "Tasks in each status, as last reported by the service (aggregate with max, not sum)",
            "seed: tasks_total{status}; a gauge named *_total breaks Prometheus conventions, so the suffix is"
                    + " dropped", BusinessLabels.TASK_STATUS),
    /** Counter {@code tasks.finished}: tasks that ended, by outcome. */
    TASKS_FINISHED("tasks.finished", Meter.Type.COUNTER, null, "Tasks that ended, by outcome",
            "not in the seed: replaces the precomputed tasks_completion_rate, which becomes a recording rule",
            BusinessLabels.OUTCOME),
    /** Counter {@code payments.collected}: payments collected. */
    PAYMENTS_COLLECTED("payments.collected", Meter.Type.COUNTER, null, "Payments collected", ""),
    /** Counter {@code payments.collected.amount}: US dollars collected. */
    PAYMENTS_COLLECTED_AMOUNT("payments.collected.amount", Meter.Type.COUNTER, "usd",
            "US dollars collected, summed exactly (in micro-dollars) and exposed in dollars",
            "seed: payments_collected_amount_usd; a counter must end in _total"),
    /** Counter {@code payments.promised}: promises to pay obtained. */
    PAYMENTS_PROMISED("payments.promised", Meter.Type.COUNTER, null, "Promises to pay obtained", ""),
    /** Counter {@code payments.failed}: payment attempts that failed. */
    PAYMENTS_FAILED("payments.failed", Meter.Type.COUNTER, null, "Payment attempts that failed",
            "the seed's payment_collection_rate gauge becomes a recording rule over the payments_* counters"),
    /** Counter {@code customers.contacted}: contacts made, by channel. */
    CUSTOMERS_CONTACTED("customers.contacted", Meter.Type.COUNTER, null, "Customer contacts made, by channel",
            "", BusinessLabels.CHANNEL),
    /** Counter {@code customers.responded}: responses received, by channel. */
    CUSTOMERS_RESPONDED("customers.responded", Meter.Type.COUNTER, null, "Customer responses received, by channel",
            "seed has no channel label; added so that the response rate (a recording rule replacing the seed's"
                    + " customer_response_rate gauge) can be read per channel", BusinessLabels.CHANNEL),
    /** Counter {@code agent.tasks.completed}: tasks AI agents finished, by agent, type and outcome. */
    AGENT_TASKS_COMPLETED("agent.tasks.completed", Meter.Type.COUNTER, null,
            "Tasks AI agents finished handling, by agent instance, agent type and outcome",
            "seed: agent_tasks_completed_total{agent_id}; agent_id is kept and guarded (an AI agent instance, never"
                    + " a person or customer: PII becomes redacted, ids beyond the per-label cap fold into other),"
                    + " agent_type is added, and the outcome label replaces the precomputed agent_success_rate",
            BusinessLabels.AGENT_ID, BusinessLabels.AGENT_TYPE, BusinessLabels.OUTCOME),
    /** Timer {@code agent.handling.time}: time an AI agent spent on a task. */
    AGENT_HANDLING_TIME("agent.handling.time", Meter.Type.TIMER, null,
            "Time an AI agent spent on a task, by agent instance and type (1 s to 1 h buckets)",
            "seed: agent_avg_handling_time_seconds{agent_id}; a histogram (average = _sum / _count) instead of a"
                    + " precomputed average; agent_id kept and guarded, agent_type added",
            BusinessLabels.AGENT_ID, BusinessLabels.AGENT_TYPE),
    /** Gauge {@code agent.tasks.active}: tasks an AI agent is handling now. */
    AGENT_TASKS_ACTIVE("agent.tasks.active", Meter.Type.GAUGE, null,
            "Tasks an AI agent is handling now, by agent instance and type",
            "not in the seed: with agent_capacity replaces agent_utilization_rate{agent_id}, which becomes a"
                    + " recording rule (active / capacity); agent_id guarded", BusinessLabels.AGENT_ID,
            BusinessLabels.AGENT_TYPE),
    /** Gauge {@code agent.capacity}: tasks an AI agent can handle at once. */
    AGENT_CAPACITY("agent.capacity", Meter.Type.GAUGE, null,
            "Tasks an AI agent can handle at once, as configured by the service; absent until set",
            "not in the seed: the denominator of the agent utilisation recording rule; agent_id guarded",
            BusinessLabels.AGENT_ID, BusinessLabels.AGENT_TYPE);

    private final MeterSpec spec;

    BusinessMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
