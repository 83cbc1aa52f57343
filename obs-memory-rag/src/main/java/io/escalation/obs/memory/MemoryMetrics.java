package io.escalation.obs.memory;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.trace.SpanBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The seed's memory metrics: short-term memory (Redis) sessions and operations, long-term memory
 * (PostgreSQL + Qdrant) episodes and semantic memories, and consolidation runs with their duration,
 * each run in a {@code memory.consolidation} span.
 *
 * <pre>{@code
 * MemoryMetrics memory = MemoryMetrics.create(obs)
 *         .registerActiveSessions(redis, r -> r.scard("sessions"));
 * memory.recordShortTerm(ShortTermOperation.GET);
 * memory.recordEpisodeStored();
 * int created = memory.consolidate(() -> consolidator.run());   // span, runs{status}, duration
 * memory.recordSemanticMemories(created);
 * }</pre>
 *
 * <p>Recording methods never throw and allocate nothing; bad input is dropped and counted.
 */
public final class MemoryMetrics {

    private static final ShortTermOperation[] OPERATIONS = ShortTermOperation.values();
    /** Consolidation runs take from a fraction of a second to minutes. */
    private static final Duration[] CONSOLIDATION_BUCKETS = Buckets.millis(100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 30_000, 60_000, 120_000, 300_000, 600_000);

    private final Observability obs;
    private final Faults faults;
    private final Counter[] shortTerm = new Counter[OPERATIONS.length];
    private final Counter episodes;
    private final Counter semantic;
    private final Counter[] runs = new Counter[Outcome.values().length];
    private final Timer consolidationDuration;

    private MemoryMetrics(Observability obs) {
        this.obs = obs;
        this.faults = obs.faults();
        for (ShortTermOperation op : OPERATIONS) {
            shortTerm[op.ordinal()] = MemoryMeters.SHORT_TERM_OPERATIONS.counter()
                    .tag(MemoryLabels.OPERATION.asString(), op.label()).register(obs.registry());
        }
        this.episodes = MemoryMeters.EPISODES_STORED.counter().register(obs.registry());
        this.semantic = MemoryMeters.SEMANTIC_MEMORIES.counter().register(obs.registry());
        for (Outcome outcome : Outcome.values()) {
            runs[outcome.ordinal()] = MemoryMeters.CONSOLIDATION_RUNS.counter()
                    .tag(MemoryLabels.STATUS.asString(), outcome.label()).register(obs.registry());
        }
        this.consolidationDuration = MemoryMeters.CONSOLIDATION_DURATION.timer(CONSOLIDATION_BUCKETS)
                .register(obs.registry());
    }

    /**
     * Memory metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the memory metrics of {@code obs}
     */
    public static MemoryMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(MemoryMetrics.class, () -> new MemoryMetrics(obs));
    }

    /**
     * Reports {@code sessions.applyAsDouble(source)} as {@code memory_short_term_sessions_active} at
     * scrape time (reading Redis beats counting opens and closes: sessions also expire).
     *
     * @param <T> the type of the session store
     * @param source the session store
     * @param sessions reads the session count from {@code source}
     * @return these metrics, for chaining
     */
    public <T> MemoryMetrics registerActiveSessions(T source, ToDoubleFunction<T> sessions) {
        MemoryMeters.SESSIONS_ACTIVE.gauge(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(sessions, "sessions")).register(obs.registry());
        return this;
    }

    /**
     * Counts one short-term memory operation.
     *
     * @param operation the operation; null is counted as a fault
     */
    public void recordShortTerm(@Nullable ShortTermOperation operation) {
        if (operation == null) {
            faults.record(MemoryMeters.SHORT_TERM_OPERATIONS, FaultReason.NULL_VALUE);
            return;
        }
        Recording.increment(faults, MemoryMeters.SHORT_TERM_OPERATIONS, shortTerm[operation.ordinal()]);
    }

    /** Counts one episode written to long-term memory. */
    public void recordEpisodeStored() {
        Recording.increment(faults, MemoryMeters.EPISODES_STORED, episodes);
    }

    /**
     * Counts {@code count} semantic memories written to long-term memory.
     *
     * @param count the number written; negative is counted as a fault
     */
    public void recordSemanticMemories(long count) {
        Recording.add(faults, MemoryMeters.SEMANTIC_MEMORIES, semantic, count);
    }

    /**
     * Counts one consolidation run and its duration, measured by the caller.
     *
     * @param outcome how the run ended; null is counted as a fault
     * @param durationNanos the run's duration in nanoseconds
     */
    public void recordConsolidation(@Nullable Outcome outcome, long durationNanos) {
        if (outcome == null) {
            faults.record(MemoryMeters.CONSOLIDATION_RUNS, FaultReason.NULL_VALUE);
            return;
        }
        Recording.increment(faults, MemoryMeters.CONSOLIDATION_RUNS, runs[outcome.ordinal()]);
        Recording.time(faults, MemoryMeters.CONSOLIDATION_DURATION, consolidationDuration, durationNanos);
    }

    /**
     * Runs one consolidation in a {@code memory.consolidation} span, counting it as a success or,
     * when {@code body} throws, as an error (the exception is rethrown as is), with its duration.
     *
     * @param <T> the result type
     * @param <E> the exception {@code body} may throw
     * @param body the consolidation
     * @return what {@code body} returned
     * @throws E when {@code body} throws it
     */
    public <T, E extends Throwable> T consolidate(SpanBody<T, E> body) throws E {
        long start = System.nanoTime();
        Outcome outcome = Outcome.ERROR;
        try {
            T result = obs.spans().span("memory.consolidation").call(body);
            outcome = Outcome.SUCCESS;
            return result;
        } finally {
            recordConsolidation(outcome, System.nanoTime() - start);
        }
    }
}
