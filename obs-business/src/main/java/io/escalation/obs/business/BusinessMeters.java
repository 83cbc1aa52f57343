package io.escalation.obs.business;

import io.escalation.obs.core.catalog.MeterSpec;
import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-business's meters: campaigns, tasks, payments, customer contacts, agents. */
public enum BusinessMeters implements ObsMeter {
    CAMPAIGNS("campaigns", Meter.Type.GAUGE, null,
            "Campaigns in each status, as last reported by the service (the whole system's count: every replica"
                    + " reports the same value, so aggregate with max, not sum)",
            "seed: campaigns_total{status}; a gauge named *_total breaks Prometheus conventions (_total marks"
                    + " counters), so the suffix is dropped", BusinessLabels.CAMPAIGN_STATUS),
    CAMPAIGNS_FINISHED("campaigns.finished", Meter.Type.COUNTER, null, "Campaigns that ended, by outcome",
            "not in the seed: replaces the precomputed campaigns_success_rate gauge, which becomes a recording"
                    + " rule over this counter (docs/business.md)", BusinessLabels.OUTCOME),
    CAMPAIGNS_DURATION("campaigns.duration", Meter.Type.TIMER, null,
            "How long campaigns ran from start to end, by outcome (1 h to 90 d buckets)",
            "seed: campaigns_avg_duration_hours; a histogram in the base unit (seconds) instead of a"
                    + " precomputed average in hours: average = _sum / _count", BusinessLabels.OUTCOME),
    TASKS("tasks", Meter.Type.GAUGE, null,
            "Tasks in each status, as last reported by the service (aggregate with max, not sum)",
            "seed: tasks_total{status}; a gauge named *_total breaks Prometheus conventions, so the suffix is"
                    + " dropped", BusinessLabels.TASK_STATUS),
    TASKS_FINISHED("tasks.finished", Meter.Type.COUNTER, null, "Tasks that ended, by outcome",
            "not in the seed: replaces the precomputed tasks_completion_rate, which becomes a recording rule",
            BusinessLabels.OUTCOME),
    PAYMENTS_COLLECTED("payments.collected", Meter.Type.COUNTER, null, "Payments collected", ""),
    PAYMENTS_COLLECTED_AMOUNT("payments.collected.amount", Meter.Type.COUNTER, "usd",
            "US dollars collected, summed exactly (in micro-dollars) and exposed in dollars",
            "seed: payments_collected_amount_usd; a counter must end in _total"),
    PAYMENTS_PROMISED("payments.promised", Meter.Type.COUNTER, null, "Promises to pay obtained", ""),
    PAYMENTS_FAILED("payments.failed", Meter.Type.COUNTER, null, "Payment attempts that failed",
            "the seed's payment_collection_rate gauge becomes a recording rule over the payments_* counters"),
    CUSTOMERS_CONTACTED("customers.contacted", Meter.Type.COUNTER, null, "Customer contacts made, by channel",
            "", BusinessLabels.CHANNEL),
    CUSTOMERS_RESPONDED("customers.responded", Meter.Type.COUNTER, null, "Customer responses received, by channel",
            "seed has no channel label; added so that the response rate (a recording rule replacing the seed's"
                    + " customer_response_rate gauge) can be read per channel", BusinessLabels.CHANNEL),
    AGENT_TASKS_COMPLETED("agent.tasks.completed", Meter.Type.COUNTER, null,
            "Tasks agents finished handling, by agent type and outcome",
            "seed: agent_tasks_completed_total{agent_id}; agent_type replaces agent_id (per-agent ids are"
                    + " unbounded and, for people, personal data); the outcome label replaces the precomputed"
                    + " agent_success_rate", BusinessLabels.AGENT_TYPE, BusinessLabels.OUTCOME),
    AGENT_HANDLING_TIME("agent.handling.time", Meter.Type.TIMER, null,
            "Time an agent spent on a task, by agent type (1 s to 1 h buckets)",
            "seed: agent_avg_handling_time_seconds{agent_id}; a histogram (average = _sum / _count) by"
                    + " agent_type instead of a precomputed average per agent id", BusinessLabels.AGENT_TYPE),
    AGENT_TASKS_ACTIVE("agent.tasks.active", Meter.Type.GAUGE, null,
            "Tasks agents are handling now, by agent type",
            "not in the seed: with agent_capacity replaces agent_utilization_rate{agent_id}, which becomes a"
                    + " recording rule (active / capacity)", BusinessLabels.AGENT_TYPE),
    AGENT_CAPACITY("agent.capacity", Meter.Type.GAUGE, null,
            "Tasks agents of a type can handle at once, as configured by the service", "not in the seed: the"
                    + " denominator of the agent utilisation recording rule", BusinessLabels.AGENT_TYPE);

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
