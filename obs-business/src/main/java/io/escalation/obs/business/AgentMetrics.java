package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.Bounded;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.MeterTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Agent performance per AI agent instance: tasks finished by outcome
 * ({@code agent_tasks_completed_total{agent_id,agent_type,outcome}}), handling time
 * ({@code agent_handling_time_seconds{agent_id,agent_type}}), tasks in hand
 * ({@code agent_tasks_active{agent_id,agent_type}}) and capacity
 * ({@code agent_capacity{agent_id,agent_type}}). Success rate and utilisation are recording rules
 * (docs/business.md).
 *
 * <pre>{@code
 * AgentMetrics agents = AgentMetrics.create(obs);                       // once per service
 * AgentMetrics.Agent voice = agents.agent("voice-agent-3", AgentType.PHONE);   // once per agent instance
 * voice.setCapacity(20);                                                 // calls it can hold at once
 *
 * long started = voice.taskStarted();
 * ...                                                                    // the call
 * voice.taskFinished(CampaignOutcome.SUCCESS, started);
 *
 * agents.taskCompleted("mailer-1", AgentType.EMAIL, CampaignOutcome.FAILURE, Duration.ofSeconds(42));   // by name
 * }</pre>
 *
 * <p>{@code agent_id} names an AI agent instance, a known and finite set chosen by the service,
 * never a person or a customer. It is an open label: ids pass the label guard, so an id that looks
 * like PII (an e-mail address, a phone number) is recorded as {@code redacted}, control characters
 * and overlong ids are cleaned, and ids beyond {@code LabelPolicy.maxValuesPerLabel()} distinct
 * values fold into {@code other} (counted in
 * {@code obs_label_overflow_total{metric="agent_tasks_completed_total",label="agent_id"}}; the cap
 * holds for all four meters). Recording calls never throw or allocate; bad input is dropped or
 * clamped and counted in {@code obs_instrumentation_errors_total}.
 */
public final class AgentMetrics {

    private static final long MAX_HANDLING_NANOS = Duration.ofHours(24).toNanos();

    private final Faults faults;
    /** Per admitted agent id (or placeholder), its handles by type, each registered on first use. */
    private final GuardedLabel<MeterTable<Agent>> byId;
    /** Returned for a null agent type: records nothing but faults. */
    private final Agent untyped;
    /** What an id whose meters the registry refused resolves to: every type untyped. */
    private final MeterTable<Agent> refused;

    private AgentMetrics(ModuleKit kit) {
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        this.byId = kit.labels()
                .guard(
                        BusinessCatalogue.AGENT_TASKS_COMPLETED,
                        BusinessCatalogue.AGENT_ID,
                        id -> MeterTable.of(AgentType.class, type -> new Agent(faults, registry, id, type)));
        this.untyped = new Agent(faults);
        this.refused = MeterTable.of(AgentType.class, type -> untyped);
    }

    /**
     * Agent metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the agent metrics of {@code obs}
     */
    public static AgentMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(AgentMetrics.class, () -> new AgentMetrics(ModuleKit.of(obs)));
    }

    /**
     * The metrics of agent {@code agentId} of {@code type}; keep the handle, or call again: a known
     * id and type resolve to the same handle without allocating. Never throws; a null type gives a
     * handle that records only faults.
     *
     * @param agentId the AI agent instance id, never a person's; PII becomes {@code redacted}, ids beyond the
     *     cap {@code other}
     * @param type the agent's channel; null is counted as a fault
     * @return the handle of that agent
     */
    public Agent agent(@Nullable String agentId, @Nullable AgentType type) {
        if (type == null) {
            return untyped;
        }
        // a new id or type registers the handle's meters: a registry that refuses them is counted
        Agent agent =
                byId.resolve(agentId, refused).get(type.ordinal(), faults, BusinessCatalogue.AGENT_TASKS_COMPLETED);
        return agent != null ? agent : untyped;
    }

    /**
     * {@code agent(agentId, type).setCapacity(slots)}.
     *
     * @param agentId the AI agent instance id
     * @param type the agent's channel
     * @param slots the number of tasks the agent can handle at once
     */
    public void setCapacity(@Nullable String agentId, @Nullable AgentType type, int slots) {
        agent(agentId, type).setCapacity(slots);
    }

    /**
     * {@code agent(agentId, type).taskStarted()}.
     *
     * @param agentId the AI agent instance id
     * @param type the agent's channel
     * @return the start time in {@link System#nanoTime()} units
     */
    public long taskStarted(@Nullable String agentId, @Nullable AgentType type) {
        return agent(agentId, type).taskStarted();
    }

    /**
     * {@code agent(agentId, type).taskFinished(outcome, startedNanos)}.
     *
     * @param agentId the AI agent instance id
     * @param type the agent's channel
     * @param outcome how the task ended
     * @param startedNanos the value {@link #taskStarted(String, AgentType)} returned
     */
    public void taskFinished(
            @Nullable String agentId, @Nullable AgentType type, @Nullable CampaignOutcome outcome, long startedNanos) {
        agent(agentId, type).taskFinished(outcome, startedNanos);
    }

    /**
     * {@code agent(agentId, type).taskCompleted(outcome, handlingTime)}.
     *
     * @param agentId the AI agent instance id
     * @param type the agent's channel
     * @param outcome how the task ended
     * @param handlingTime the time spent on the task
     */
    public void taskCompleted(
            @Nullable String agentId,
            @Nullable AgentType type,
            @Nullable CampaignOutcome outcome,
            @Nullable Duration handlingTime) {
        agent(agentId, type).taskCompleted(outcome, handlingTime);
    }

    /**
     * The pre-resolved meters of one agent id and type: every call is a few field reads, an
     * increment and a timer record.
     */
    public static final class Agent {

        private static final long UNREPORTED = -1;

        private final Faults faults;
        private final @Nullable MeterRegistry registry;
        private final String id;
        private final @Nullable AgentType type;
        private final @Nullable CounterTable<CampaignOutcome> completed;
        private final @Nullable Timer handling;
        private final AtomicLong active = new AtomicLong();
        private final AtomicLong capacity = new AtomicLong(UNREPORTED);

        /** The handle of a null type. */
        Agent(Faults faults) {
            this.faults = faults;
            this.registry = null;
            this.id = "";
            this.type = null;
            this.completed = null;
            this.handling = null;
        }

        Agent(Faults faults, MeterRegistry registry, String id, AgentType type) {
            this.faults = faults;
            this.registry = registry;
            this.id = id;
            this.type = type;
            String idKey = BusinessCatalogue.AGENT_ID.asString();
            String typeKey = BusinessCatalogue.AGENT_TYPE.asString();
            this.completed = CounterTable.eager(
                    faults,
                    BusinessCatalogue.AGENT_TASKS_COMPLETED,
                    CampaignOutcome.class,
                    o -> BusinessCatalogue.AGENT_TASKS_COMPLETED
                            .counter()
                            .tag(idKey, id)
                            .tag(typeKey, type.label())
                            .tag(BusinessCatalogue.OUTCOME.asString(), o.label())
                            .register(registry));
            this.handling = BusinessCatalogue.AGENT_HANDLING_TIME
                    .timer()
                    .tag(idKey, id)
                    .tag(typeKey, type.label())
                    .register(registry);
            BusinessCatalogue.AGENT_TASKS_ACTIVE
                    .gauge(active, AtomicLong::doubleValue)
                    .strongReference(true)
                    .tag(idKey, id)
                    .tag(typeKey, type.label())
                    .register(registry);
        }

        /**
         * Sets how many tasks this agent can handle at once. {@code agent_capacity} appears with the
         * first call, so an agent whose capacity is never set adds nothing to utilisation's
         * denominator. Ids folded into {@code other} share one capacity: the last set.
         *
         * @param slots the number of tasks at once
         */
        public void setCapacity(int slots) {
            AgentType t = type;
            MeterRegistry r = registry;
            if (t == null || r == null) {
                faults.record(BusinessCatalogue.AGENT_CAPACITY, FaultReason.NULL_VALUE);
            } else if (!faults.rejectsCount(BusinessCatalogue.AGENT_CAPACITY, slots)
                    && capacity.getAndSet(slots) == UNREPORTED) {
                faults.guard(
                        BusinessCatalogue.AGENT_CAPACITY,
                        () -> BusinessCatalogue.AGENT_CAPACITY // once per handle
                                .gauge(capacity, AtomicLong::doubleValue)
                                .strongReference(true)
                                .tag(BusinessCatalogue.AGENT_ID.asString(), id)
                                .tag(BusinessCatalogue.AGENT_TYPE.asString(), t.label())
                                .register(r));
            }
        }

        /**
         * Marks one task as taken by this agent; pass the returned start time to {@link #taskFinished}.
         *
         * @return the start time, from {@link System#nanoTime()}
         */
        public long taskStarted() {
            long now = System.nanoTime();
            if (type == null) {
                faults.record(BusinessCatalogue.AGENT_TASKS_ACTIVE, FaultReason.NULL_VALUE);
            } else {
                active.incrementAndGet();
            }
            return now;
        }

        /**
         * Ends a task {@link #taskStarted started} at {@code startedNanos}: active count, handling time,
         * outcome.
         *
         * @param outcome how the task ended; null is counted as a fault
         * @param startedNanos the value {@link #taskStarted()} returned
         */
        public void taskFinished(@Nullable CampaignOutcome outcome, long startedNanos) {
            long elapsed = System.nanoTime() - startedNanos;
            if (type != null && !decrementActive()) {
                faults.record(BusinessCatalogue.AGENT_TASKS_ACTIVE, FaultReason.NEGATIVE_VALUE); // finished twice
            }
            record(outcome, elapsed, true);
        }

        /**
         * Counts one task this agent finished after {@code handlingTime}, timed by the caller.
         *
         * @param outcome how the task ended; null is counted as a fault
         * @param handlingTime the time spent on the task
         */
        public void taskCompleted(@Nullable CampaignOutcome outcome, @Nullable Duration handlingTime) {
            if (faults.rejectsNull(BusinessCatalogue.AGENT_HANDLING_TIME, handlingTime)) {
                record(outcome, -1, false);
                return;
            }
            long nanos = Bounded.toNanos(handlingTime); // saturated: clamped or dropped below
            record(outcome, nanos, true);
        }

        /** Takes one task off the active count, never below zero; false when there was none. */
        private boolean decrementActive() {
            while (true) {
                long current = active.get();
                if (current <= 0) {
                    return false;
                }
                if (active.compareAndSet(current, current - 1)) {
                    return true;
                }
            }
        }

        private void record(@Nullable CampaignOutcome outcome, long nanos, boolean timed) {
            Timer timer = handling;
            CounterTable<CampaignOutcome> counters = completed;
            if (timer == null || counters == null || outcome == null) {
                faults.record(BusinessCatalogue.AGENT_TASKS_COMPLETED, FaultReason.NULL_VALUE);
                return;
            }
            counters.increment(outcome);
            if (timed) { // the task is counted; only an impossible time is dropped (negative) or clamped
                faults.record(BusinessCatalogue.AGENT_HANDLING_TIME, timer, nanos, MAX_HANDLING_NANOS);
            }
        }
    }
}
