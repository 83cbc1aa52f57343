package io.escalation.obs.core.spi.record;

import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One timer per constant of an enum, registered on first use, that never throws: a null key or
 * duration is counted as {@link FaultReason#NULL_VALUE}, a negative duration dropped as
 * {@link FaultReason#NEGATIVE_VALUE}, one above the table's maximum clamped as
 * {@link FaultReason#VALUE_TOO_LARGE}, and a registry that refuses the meter counted as
 * {@link FaultReason#RECORDING_FAILED}.
 *
 * <pre>{@code
 * TimerTable<Step> steps = TimerTable.of(faults, STEP_DURATION, Step.class, Duration.ofHours(1),
 *         s -> STEP_DURATION.timer().tag(STEP.asString(), s.label()).register(registry));
 * steps.record(step, nanos);
 * }</pre>
 *
 * @param <E> the enum whose constants key the timers
 */
public final class TimerTable<E extends Enum<E>> {

    private final Faults faults;
    private final ObsMeter metric;
    private final long maxNanos;
    private final MeterTable<Timer> timers;

    private TimerTable(Faults faults, ObsMeter metric, long maxNanos, MeterTable<Timer> timers) {
        this.faults = faults;
        this.metric = metric;
        this.maxNanos = maxNanos;
        this.timers = timers;
    }

    /**
     * A table whose timers appear in the scrape once first recorded.
     *
     * @param <E> the key type
     * @param faults where faults are counted
     * @param metric the metric the timers belong to, for fault counting
     * @param keys the enum of keys
     * @param max the longest duration recorded; longer ones are clamped to it
     * @param register registers the timer of one key
     * @return the table
     */
    public static <E extends Enum<E>> TimerTable<E> of(
            Faults faults, ObsMeter metric, Class<E> keys, Duration max, Function<? super E, Timer> register) {
        return new TimerTable<>(faults, metric, Bounded.toNanos(max), MeterTable.of(keys, register));
    }

    /**
     * Records {@code nanos} on {@code key}'s timer. Never throws, allocates nothing once registered.
     *
     * @param key the key; null is counted as a fault
     * @param nanos the duration in nanoseconds
     */
    public void record(@Nullable E key, long nanos) {
        if (key == null) {
            faults.record(metric, FaultReason.NULL_VALUE);
            return;
        }
        Timer timer = timers.get(key.ordinal(), faults, metric);
        if (timer != null) {
            faults.record(metric, timer, nanos, maxNanos);
        }
    }

    /**
     * Records {@code duration} on {@code key}'s timer. Never throws.
     *
     * @param key the key; null is counted as a fault
     * @param duration the duration; null is counted as a fault
     */
    public void record(@Nullable E key, @Nullable Duration duration) {
        if (duration == null) {
            faults.record(metric, FaultReason.NULL_VALUE);
            return;
        }
        record(key, duration.isNegative() ? -1 : Bounded.toNanos(duration));
    }
}
