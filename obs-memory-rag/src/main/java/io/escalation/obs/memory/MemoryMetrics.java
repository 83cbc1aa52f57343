package io.escalation.obs.memory;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.trace.SpanBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The reference architecture's memory metrics: short-term memory (Redis) sessions and operations, long-term memory
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

    private final ModuleKit kit;
    private final Faults faults;
    private final CounterTable<ShortTermOperation> shortTerm;
    private final Counter episodes;
    private final Counter semantic;
    private final CounterTable<Outcome> runs;
    private final Timer consolidationDuration;

    private MemoryMetrics(ModuleKit kit) {
        this.kit = kit;
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        this.shortTerm = CounterTable.eager(
                faults,
                MemoryCatalogue.SHORT_TERM_OPERATIONS,
                ShortTermOperation.class,
                op -> MemoryCatalogue.SHORT_TERM_OPERATIONS
                        .counter()
                        .tag(MemoryCatalogue.OPERATION.asString(), op.label())
                        .register(registry));
        this.episodes = MemoryCatalogue.EPISODES_STORED.counter().register(registry);
        this.semantic = MemoryCatalogue.SEMANTIC_MEMORIES.counter().register(registry);
        this.runs = CounterTable.eager(
                faults,
                MemoryCatalogue.CONSOLIDATION_RUNS,
                Outcome.class,
                outcome -> MemoryCatalogue.CONSOLIDATION_RUNS
                        .counter()
                        .tag(MemoryCatalogue.STATUS.asString(), outcome.label())
                        .register(registry));
        this.consolidationDuration =
                MemoryCatalogue.CONSOLIDATION_DURATION.timer().register(registry);
    }

    /**
     * Memory metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the memory metrics of {@code obs}
     */
    public static MemoryMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(MemoryMetrics.class, () -> new MemoryMetrics(ModuleKit.of(obs)));
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
        MemoryCatalogue.SESSIONS_ACTIVE
                .gauge(Objects.requireNonNull(source, "source"), Objects.requireNonNull(sessions, "sessions"))
                .register(kit.registry());
        return this;
    }

    /**
     * Counts one short-term memory operation.
     *
     * @param operation the operation; null is counted as a fault
     */
    public void recordShortTerm(@Nullable ShortTermOperation operation) {
        shortTerm.increment(operation);
    }

    /** Counts one episode written to long-term memory. */
    public void recordEpisodeStored() {
        faults.increment(MemoryCatalogue.EPISODES_STORED, episodes);
    }

    /**
     * Counts {@code count} semantic memories written to long-term memory.
     *
     * @param count the number written; negative is counted as a fault
     */
    public void recordSemanticMemories(long count) {
        faults.increment(MemoryCatalogue.SEMANTIC_MEMORIES, semantic, count);
    }

    /**
     * Counts one consolidation run and its duration, measured by the caller.
     *
     * @param outcome how the run ended; null is counted as a fault
     * @param durationNanos the run's duration in nanoseconds
     */
    public void recordConsolidation(@Nullable Outcome outcome, long durationNanos) {
        if (faults.rejectsNull(MemoryCatalogue.CONSOLIDATION_RUNS, outcome)) {
            return;
        }
        runs.increment(outcome);
        faults.record(
                MemoryCatalogue.CONSOLIDATION_DURATION,
                consolidationDuration,
                durationNanos,
                MemoryCatalogue.MAX_NANOS);
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
            T result = kit.spans().span("memory.consolidation").call(body);
            outcome = Outcome.SUCCESS;
            return result;
        } finally {
            recordConsolidation(outcome, System.nanoTime() - start);
        }
    }
}
