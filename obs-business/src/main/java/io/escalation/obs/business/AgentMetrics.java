package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.fault.FaultReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Agent performance by agent type: tasks finished by outcome
 * ({@code agent_tasks_completed_total{agent_type,outcome}}), handling time
 * ({@code agent_handling_time_seconds{agent_type}}), tasks in hand
 * ({@code agent_tasks_active{agent_type}}) and capacity ({@code agent_capacity{agent_type}}).
 * Success rate and utilisation are recording rules (docs/business.md). Which agent or customer
 * was involved never becomes a label.
 *
 * <pre>{@code
 * AgentMetrics agents = AgentMetrics.create(obs);   // once per service
 * agents.setCapacity(AgentType.PHONE, 20);           // concurrent calls the phone agents can hold
 *
 * long started = agents.taskStarted(AgentType.PHONE);
 * ...                                                 // the call
 * agents.taskFinished(AgentType.PHONE, Outcome.SUCCESS, started);
 *
 * agents.taskCompleted(AgentType.EMAIL, Outcome.FAILURE, Duration.ofSeconds(42));   // timed elsewhere
 * }</pre>
 *
 * <p>Recording calls never throw or allocate; bad input is dropped or clamped and counted in
 * {@code obs_instrumentation_errors_total}.
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
    private static final Duration MAX_HANDLING = Duration.ofHours(24);
    private static final long MAX_HANDLING_NANOS = MAX_HANDLING.toNanos();

    private final Observability obs;
    private final Counter[][] completed = new Counter[TYPES.length][OUTCOMES.length];
    private final Timer[] handling = new Timer[TYPES.length];
    private final Levels active;
    private final Levels capacity;

    private AgentMetrics(Observability obs) {
        this.obs = obs;
        String type = BusinessLabels.AGENT_TYPE.asString();
        for (AgentType t : TYPES) {
            for (Outcome o : OUTCOMES) {
                completed[t.ordinal()][o.ordinal()] = BusinessMeters.AGENT_TASKS_COMPLETED.counter()
                        .tag(type, t.label()).tag(BusinessLabels.OUTCOME.asString(), o.label())
                        .register(obs.registry());
            }
            handling[t.ordinal()] = BusinessMeters.AGENT_HANDLING_TIME.timer(HANDLING_BUCKETS).tag(type, t.label())
                    .register(obs.registry());
        }
        String[] labels = Arrays.stream(TYPES).map(AgentType::label).toArray(String[]::new);
        this.active = Levels.register(obs, BusinessMeters.AGENT_TASKS_ACTIVE, BusinessLabels.AGENT_TYPE, labels);
        for (AgentType t : TYPES) {
            active.set(t.ordinal(), 0);
        }
        this.capacity = Levels.register(obs, BusinessMeters.AGENT_CAPACITY, BusinessLabels.AGENT_TYPE, labels);
    }

    /** Agent metrics recording into {@code obs}. */
    public static AgentMetrics create(Observability obs) {
        return new AgentMetrics(Objects.requireNonNull(obs, "obs"));
    }

    /** Sets how many tasks agents of {@code type} can handle at once. */
    public void setCapacity(@Nullable AgentType type, long slots) {
        if (type == null) {
            obs.faults().record(BusinessMeters.AGENT_CAPACITY, FaultReason.NULL_VALUE);
        } else if (!obs.faults().rejectsCount(BusinessMeters.AGENT_CAPACITY, slots)) {
            capacity.set(type.ordinal(), slots);
        }
    }

    /**
     * Marks one task as taken by an agent of {@code type}; pass the returned start time to
     * {@link #taskFinished}.
     */
    public long taskStarted(@Nullable AgentType type) {
        long now = System.nanoTime();
        if (type == null) {
            obs.faults().record(BusinessMeters.AGENT_TASKS_ACTIVE, FaultReason.NULL_VALUE);
        } else {
            active.add(type.ordinal(), 1);
        }
        return now;
    }

    /** Ends a task {@link #taskStarted started} at {@code startedNanos}: active count, handling time, outcome. */
    public void taskFinished(@Nullable AgentType type, @Nullable Outcome outcome, long startedNanos) {
        long elapsed = System.nanoTime() - startedNanos;
        if (type != null && !active.add(type.ordinal(), -1)) {
            obs.faults().record(BusinessMeters.AGENT_TASKS_ACTIVE, FaultReason.NEGATIVE_VALUE);   // finished twice
        }
        record(type, outcome, elapsed);
    }

    /** Counts one task an agent of {@code type} finished after {@code handlingTime}, timed by the caller. */
    public void taskCompleted(@Nullable AgentType type, @Nullable Outcome outcome, @Nullable Duration handlingTime) {
        if (handlingTime == null) {
            obs.faults().record(BusinessMeters.AGENT_HANDLING_TIME, FaultReason.NULL_VALUE);
            record(type, outcome, -1, false);
            return;
        }
        long nanos = handlingTime.compareTo(MAX_HANDLING) > 0 ? Long.MAX_VALUE : handlingTime.toNanos();
        record(type, outcome, nanos);
    }

    private void record(@Nullable AgentType type, @Nullable Outcome outcome, long nanos) {
        record(type, outcome, nanos, true);
    }

    private void record(@Nullable AgentType type, @Nullable Outcome outcome, long nanos, boolean timed) {
        try {
            if (type == null || outcome == null) {
                obs.faults().record(BusinessMeters.AGENT_TASKS_COMPLETED, FaultReason.NULL_VALUE);
                return;
            }
            completed[type.ordinal()][outcome.ordinal()].increment();
            if (!timed || obs.faults().rejectsCount(BusinessMeters.AGENT_HANDLING_TIME, nanos)) {
                return;   // the task is counted; only its impossible time is dropped
            }
            handling[type.ordinal()].record(
                    obs.faults().clamp(BusinessMeters.AGENT_HANDLING_TIME, nanos, MAX_HANDLING_NANOS),
                    TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            obs.faults().record(BusinessMeters.AGENT_TASKS_COMPLETED, FaultReason.RECORDING_FAILED);
        }
    }
}
