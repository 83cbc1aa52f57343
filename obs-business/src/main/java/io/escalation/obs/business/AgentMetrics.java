package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.record.Bounded;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * voice.taskFinished(Outcome.SUCCESS, started);
 *
 * agents.taskCompleted("mailer-1", AgentType.EMAIL, Outcome.FAILURE, Duration.ofSeconds(42));   // by name
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

    private static final AgentType[] TYPES = AgentType.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    /** E-mail and text tasks take seconds, calls minutes. */
    static final Duration[] HANDLING_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
    };
    private static final long MAX_HANDLING_NANOS = Duration.ofHours(24).toNanos();

    private final Observability obs;
    private final GuardedLabel<Handles> byId;
    /** Returned for a null agent type: records nothing but faults. */
    private final Agent untyped;

    private AgentMetrics(Observability obs) {
        this.obs = obs;
        this.byId = obs.labels().guard(BusinessMeters.AGENT_TASKS_COMPLETED, BusinessLabels.AGENT_ID,
                id -> new Handles(obs, id));
        this.untyped = new Agent(obs);
    }

    /**
     * Agent metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the agent metrics of {@code obs}
     */
    public static AgentMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(AgentMetrics.class, () -> new AgentMetrics(obs));
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
        try {
            return byId.resolve(agentId).of(type);
        } catch (RuntimeException e) {
            obs.faults().record(BusinessMeters.AGENT_TASKS_COMPLETED, FaultReason.RECORDING_FAILED);
            return untyped;
        }
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
    public void taskFinished(@Nullable String agentId, @Nullable AgentType type, @Nullable Outcome outcome,
            long startedNanos) {
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
    public void taskCompleted(@Nullable String agentId, @Nullable AgentType type, @Nullable Outcome outcome,
            @Nullable Duration handlingTime) {
        agent(agentId, type).taskCompleted(outcome, handlingTime);
    }

    /** The handles of one admitted agent id (or placeholder), one per type, created on first use. */
    private static final class Handles {
        private final Observability obs;
        private final String id;
        private final AtomicReferenceArray<Agent> byType = new AtomicReferenceArray<>(TYPES.length);

        Handles(Observability obs, String id) {
            this.obs = obs;
            this.id = id;
        }

        Agent of(AgentType type) {
            Agent agent = byType.get(type.ordinal());
            return agent != null ? agent : create(type);
        }

        private synchronized Agent create(AgentType type) {
            Agent agent = byType.get(type.ordinal());
            if (agent == null) {
                agent = new Agent(obs, id, type);
                byType.set(type.ordinal(), agent);
            }
            return agent;
        }
    }

    /**
     * The pre-resolved meters of one agent id and type: every call is a few field reads, an
     * increment and a timer record.
     */
    public static final class Agent {

        private static final long UNREPORTED = -1;

        private final Observability obs;
        private final String id;
        private final @Nullable AgentType type;
        private final Counter[] completed;
        private final @Nullable Timer handling;
        private final AtomicLong active = new AtomicLong();
        private final AtomicLong capacity = new AtomicLong(UNREPORTED);

        /** The handle of a null type. */
        Agent(Observability obs) {
            this.obs = obs;
            this.id = "";
            this.type = null;
            this.completed = new Counter[0];
            this.handling = null;
        }

        Agent(Observability obs, String id, AgentType type) {
            this.obs = obs;
            this.id = id;
            this.type = type;
            String idKey = BusinessLabels.AGENT_ID.asString();
            String typeKey = BusinessLabels.AGENT_TYPE.asString();
            this.completed = new Counter[OUTCOMES.length];
            for (Outcome o : OUTCOMES) {
                completed[o.ordinal()] = BusinessMeters.AGENT_TASKS_COMPLETED.counter()
                        .tag(idKey, id).tag(typeKey, type.label()).tag(BusinessLabels.OUTCOME.asString(), o.label())
                        .register(obs.registry());
            }
            this.handling = BusinessMeters.AGENT_HANDLING_TIME.timer(HANDLING_BUCKETS)
                    .tag(idKey, id).tag(typeKey, type.label()).register(obs.registry());
            BusinessMeters.AGENT_TASKS_ACTIVE.gauge(active, AtomicLong::doubleValue).strongReference(true)
                    .tag(idKey, id).tag(typeKey, type.label()).register(obs.registry());
        }

        /**
         * Sets how many tasks this agent can handle at once. {@code agent_capacity} appears with the
         * first call, so an agent whose capacity is never set adds nothing to utilisation's
         * denominator. Ids folded into {@code other} share one capacity: the last set.
         *
         * @param slots the number of tasks at once
         */
        public void setCapacity(int slots) {
            if (type == null) {
                obs.faults().record(BusinessMeters.AGENT_CAPACITY, FaultReason.NULL_VALUE);
            } else if (!obs.faults().rejectsCount(BusinessMeters.AGENT_CAPACITY, slots)
                    && capacity.getAndSet(slots) == UNREPORTED) {
                registerCapacity(type);
            }
        }

        private void registerCapacity(AgentType t) {
            try {
                BusinessMeters.AGENT_CAPACITY.gauge(capacity, AtomicLong::doubleValue).strongReference(true)
                        .tag(BusinessLabels.AGENT_ID.asString(), id).tag(BusinessLabels.AGENT_TYPE.asString(), t.label())
                        .register(obs.registry());
            } catch (RuntimeException e) {
                obs.faults().record(BusinessMeters.AGENT_CAPACITY, FaultReason.RECORDING_FAILED);
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
                obs.faults().record(BusinessMeters.AGENT_TASKS_ACTIVE, FaultReason.NULL_VALUE);
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
        public void taskFinished(@Nullable Outcome outcome, long startedNanos) {
            long elapsed = System.nanoTime() - startedNanos;
            if (type != null && !decrementActive()) {
                obs.faults().record(BusinessMeters.AGENT_TASKS_ACTIVE, FaultReason.NEGATIVE_VALUE);   // finished twice
            }
            record(outcome, elapsed, true);
        }

        /**
         * Counts one task this agent finished after {@code handlingTime}, timed by the caller.
         *
         * @param outcome how the task ended; null is counted as a fault
         * @param handlingTime the time spent on the task
         */
        public void taskCompleted(@Nullable Outcome outcome, @Nullable Duration handlingTime) {
            if (handlingTime == null) {
                obs.faults().record(BusinessMeters.AGENT_HANDLING_TIME, FaultReason.NULL_VALUE);
                record(outcome, -1, false);
                return;
            }
            long nanos = Bounded.toNanos(handlingTime);   // saturated: clamped or dropped below
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

        private void record(@Nullable Outcome outcome, long nanos, boolean timed) {
            try {
                Timer timer = handling;
                if (timer == null || outcome == null) {
                    obs.faults().record(BusinessMeters.AGENT_TASKS_COMPLETED, FaultReason.NULL_VALUE);
                    return;
                }
                completed[outcome.ordinal()].increment();
                if (!timed || obs.faults().rejectsCount(BusinessMeters.AGENT_HANDLING_TIME, nanos)) {
                    return;   // the task is counted; only its impossible time is dropped
                }
                timer.record(obs.faults().clamp(BusinessMeters.AGENT_HANDLING_TIME, nanos, MAX_HANDLING_NANOS),
                        TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                obs.faults().record(BusinessMeters.AGENT_TASKS_COMPLETED, FaultReason.RECORDING_FAILED);
            }
        }
    }
}
