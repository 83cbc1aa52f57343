package io.escalation.obs.core.spi.record;

import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and reports bad input to recording calls, so that facades can drop, clamp or mask it
 * without throwing into the caller.
 *
 * <p>Every fault increments {@code obs_instrumentation_errors_total{metric,reason}}; the first
 * fault of each meter and reason is logged once at WARN through SLF4J, without the offending value
 * (it may be PII or megabytes long). The {@code metric} label is always a catalogued meter's name,
 * so the self-metric is bounded by the catalogue.
 *
 * <pre>{@code
 * faults.increment(LlmCatalogue.TOKENS, counter, tokens);   // negative: counted, dropped
 * }</pre>
 */
public final class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);
    private static final FaultReason[] REASONS = FaultReason.values();

    private final MeterRegistry registry;
    private final ConcurrentMap<ObsMeter, AtomicReferenceArray<Counter>> countersByMeter = new ConcurrentHashMap<>();
    private final ConcurrentMap<ObsMeter, Boolean> callbackFailuresLogged = new ConcurrentHashMap<>();

    /**
     * For {@code Observability}; facades use {@code ModuleKit.of(obs).faults()}.
     *
     * @param registry the registry the fault counter is registered with
     */
    public Faults(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counts one fault of {@code meter} and logs the first of its kind. Never throws, allocates only the
     * first time.
     *
     * @param meter the meter whose input was bad; null counts nothing
     * @param reason what was wrong with the input
     */
    public void record(@Nullable ObsMeter meter, FaultReason reason) {
        try {
            if (meter == null || reason == null) {
                log.debug("obs: a fault was reported without a meter or reason");
                return;
            }
            AtomicReferenceArray<Counter> counters = countersByMeter.get(meter);
            if (counters == null) {
                counters = countersByMeter.computeIfAbsent(meter, m -> new AtomicReferenceArray<>(REASONS.length));
            }
            Counter counter = counters.get(reason.ordinal());
            if (counter == null) {
                counter = register(counters, meter, reason);
            }
            counter.increment();
        } catch (RuntimeException e) {
            log.debug("obs: could not count an instrumentation fault", e);
        }
    }

    private Counter register(AtomicReferenceArray<Counter> counters, ObsMeter meter, FaultReason reason) {
        synchronized (counters) {
            Counter counter = counters.get(reason.ordinal());
            if (counter == null) {
                String metric = meter.prometheusName();
                counter = CoreCatalogue.INSTRUMENTATION_ERRORS
                        .counter()
                        .tag(CoreCatalogue.METRIC.asString(), metric)
                        .tag(CoreCatalogue.REASON.asString(), reason.label())
                        .register(registry);
                counters.set(reason.ordinal(), counter);
                log.warn(
                        "obs: bad input to {} ({}): the value was dropped, clamped or masked;"
                                + " further occurrences are only counted in obs_instrumentation_errors_total",
                        metric,
                        reason.label());
            }
            return counter;
        }
    }

    /**
     * Counts a failure of the user's code that a recording call ran (an audit sink, a budget
     * listener, any callback): {@link FaultReason#RECORDING_FAILED} on {@code meter}, the first of
     * each meter logged at WARN with the exception's class (never its message, which may hold PII).
     * A {@link VirtualMachineError} is rethrown: nothing else escapes.
     *
     * <pre>{@code
     * try { listener.onStateChange(from, to, this); } catch (Throwable e) { faults.callbackFailed(LlmCatalogue.BUDGET_REMAINING, e); }
     * }</pre>
     *
     * @param meter the meter whose recording ran the callback; null counts nothing
     * @param error what the callback threw
     */
    public void callbackFailed(@Nullable ObsMeter meter, Throwable error) {
        rethrowIfFatal(error);
        record(meter, FaultReason.RECORDING_FAILED);
        try {
            if (meter != null && callbackFailuresLogged.putIfAbsent(meter, Boolean.TRUE) == null) {
                log.warn(
                        "obs: user code called while recording {} threw {}; the recording call went on,"
                                + " further failures are only counted in obs_instrumentation_errors_total{reason=\"{}\"}",
                        meter.prometheusName(),
                        error.getClass().getName(),
                        FaultReason.RECORDING_FAILED.label());
            }
        } catch (RuntimeException e) {
            log.debug("obs: could not log a callback failure", e);
        }
    }

    /**
     * Throws {@code error} if it is a {@link VirtualMachineError} (out of memory, stack overflow), the only
     * kind a recording call lets through.
     *
     * @param error the throwable caught by a recording call
     */
    public static void rethrowIfFatal(Throwable error) {
        if (error instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    /**
     * True when {@code value} cannot be counted (negative): the fault is recorded and the caller
     * should return without recording.
     *
     * @param meter the meter being recorded
     * @param value the count
     * @return true when the caller must not record
     */
    public boolean rejectsCount(ObsMeter meter, long value) {
        if (value < 0) {
            record(meter, FaultReason.NEGATIVE_VALUE);
            return true;
        }
        return false;
    }

    /**
     * True when {@code value} cannot be recorded (NaN, infinite or negative): the fault is recorded
     * and the caller should return without recording.
     *
     * @param meter the meter being recorded
     * @param value the amount
     * @return true when the caller must not record
     */
    public boolean rejectsAmount(ObsMeter meter, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            record(meter, FaultReason.NOT_A_NUMBER);
            return true;
        }
        if (value < 0) {
            record(meter, FaultReason.NEGATIVE_VALUE);
            return true;
        }
        return false;
    }

    /**
     * {@code value} clamped to {@code max}, recording {@link FaultReason#VALUE_TOO_LARGE} when it was above.
     *
     * @param meter the meter being recorded
     * @param value the value the caller wants to record
     * @param max the largest value recorded
     * @return the value to record
     */
    public long clamp(ObsMeter meter, long value, long max) {
        if (value > max) {
            record(meter, FaultReason.VALUE_TOO_LARGE);
            return max;
        }
        return value;
    }

    /**
     * {@code value} clamped to {@code max}, recording {@link FaultReason#VALUE_TOO_LARGE} when it was above.
     *
     * @param meter the meter being recorded
     * @param value the value the caller wants to record
     * @param max the largest value recorded
     * @return the value to record
     */
    public double clamp(ObsMeter meter, double value, double max) {
        if (value > max) {
            record(meter, FaultReason.VALUE_TOO_LARGE);
            return max;
        }
        return value;
    }

    /**
     * Adds one to {@code counter}; a registry failure is counted on {@code meter}. Never throws.
     *
     * @param meter the meter {@code counter} belongs to
     * @param counter the counter
     */
    public void increment(ObsMeter meter, Counter counter) {
        try {
            counter.increment();
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Adds {@code amount} to {@code counter}; a negative amount is dropped and counted. Never throws.
     *
     * @param meter the meter {@code counter} belongs to
     * @param counter the counter
     * @param amount the amount to add
     */
    public void increment(ObsMeter meter, Counter counter, long amount) {
        if (rejectsCount(meter, amount)) {
            return;
        }
        try {
            counter.increment(amount);
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Adds {@code amount} to {@code counter}; a negative, NaN or infinite amount is dropped and
     * counted. Never throws.
     *
     * @param meter the meter {@code counter} belongs to
     * @param counter the counter
     * @param amount the amount to add
     */
    public void increment(ObsMeter meter, Counter counter, double amount) {
        if (rejectsAmount(meter, amount)) {
            return;
        }
        try {
            counter.increment(amount);
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Records {@code nanos} on {@code timer}: a negative duration is dropped, one above
     * {@code maxNanos} clamped, both counted on {@code meter}. Never throws, allocates nothing.
     *
     * @param meter the meter {@code timer} belongs to
     * @param timer the timer
     * @param nanos the duration in nanoseconds
     * @param maxNanos the longest duration recorded
     */
    public void record(ObsMeter meter, Timer timer, long nanos, long maxNanos) {
        if (rejectsCount(meter, nanos)) {
            return;
        }
        try {
            timer.record(clamp(meter, nanos, maxNanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Records {@code duration} on {@code timer}: null or negative is dropped, longer than
     * {@code maxNanos} clamped, each counted on {@code meter}. Never throws.
     *
     * @param meter the meter {@code timer} belongs to
     * @param timer the timer
     * @param duration the duration
     * @param maxNanos the longest duration recorded
     */
    public void record(ObsMeter meter, Timer timer, @Nullable Duration duration, long maxNanos) {
        if (duration == null) {
            record(meter, FaultReason.NULL_VALUE);
            return;
        }
        record(meter, timer, duration.isNegative() ? -1 : Bounded.toNanos(duration), maxNanos);
    }

    /**
     * Records {@code value} on {@code summary}: negative, NaN or infinite is dropped, above
     * {@code max} clamped, each counted on {@code meter}. Never throws.
     *
     * @param meter the meter {@code summary} belongs to
     * @param summary the distribution summary
     * @param value the value
     * @param max the largest value recorded
     */
    public void record(ObsMeter meter, DistributionSummary summary, double value, double max) {
        if (rejectsAmount(meter, value)) {
            return;
        }
        try {
            summary.record(clamp(meter, value, max));
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * True, with {@link FaultReason#NULL_VALUE} counted on {@code meter}, when {@code value} is null:
     * the caller should then return without recording.
     *
     * @param meter the meter being recorded
     * @param value the argument to check
     * @return true when the caller must not record
     */
    public boolean rejectsNull(ObsMeter meter, @Nullable Object value) {
        if (value == null) {
            record(meter, FaultReason.NULL_VALUE);
            return true;
        }
        return false;
    }

    /**
     * Runs {@code action}; what it throws is counted on {@code meter} as
     * {@link FaultReason#RECORDING_FAILED} and not rethrown. For registration and other cold paths:
     * a capturing lambda allocates.
     *
     * @param meter the meter the action records
     * @param action the recording work
     */
    public void guard(ObsMeter meter, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * The result of {@code action}, or {@code fallback} when it throws (counted on {@code meter} as
     * {@link FaultReason#RECORDING_FAILED}). For registration and other cold paths.
     *
     * @param <T> the result type
     * @param meter the meter the action records
     * @param action the work
     * @param fallback what to return when the action throws or returns null
     * @return the action's result, or the fallback
     */
    public <T> T guard(ObsMeter meter, Supplier<? extends @Nullable T> action, T fallback) {
        try {
            T result = action.get();
            return result != null ? result : fallback;
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
            return fallback;
        }
    }

    /**
     * Runs {@code action} on {@code argument}; what it throws is counted on {@code meter} as
     * {@link FaultReason#RECORDING_FAILED} and not rethrown. A method reference or a lambda that captures
     * nothing allocates nothing, so this suits hot paths: {@code faults.guard(M, Exchange::recordEnd, this)}.
     *
     * @param <A> the argument type
     * @param meter the meter the action records
     * @param action the recording work
     * @param argument what the action works on
     */
    public <A> void guard(ObsMeter meter, Consumer<? super A> action, A argument) {
        try {
            action.accept(argument);
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Runs {@code action} on {@code argument} and {@code value}, as {@link #guard(ObsMeter, Consumer, Object)}
     * does; the {@code int} is not boxed.
     *
     * @param <A> the argument type
     * @param meter the meter the action records
     * @param action the recording work
     * @param argument what the action works on
     * @param value the number the action records
     */
    public <A> void guardInt(ObsMeter meter, ObjIntConsumer<? super A> action, A argument, int value) {
        try {
            action.accept(argument, value);
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Runs {@code action} on {@code argument} and {@code value}, as {@link #guard(ObsMeter, Consumer, Object)}
     * does; the {@code long} is not boxed.
     *
     * @param <A> the argument type
     * @param meter the meter the action records
     * @param action the recording work
     * @param argument what the action works on
     * @param value the number the action records
     */
    public <A> void guardLong(ObsMeter meter, ObjLongConsumer<? super A> action, A argument, long value) {
        try {
            action.accept(argument, value);
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Runs {@code action} on two arguments, as {@link #guard(ObsMeter, Consumer, Object)} does.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param meter the meter the action records
     * @param action the recording work
     * @param first the first argument
     * @param second the second argument
     */
    public <A, B> void guard(ObsMeter meter, BiConsumer<? super A, ? super B> action, A first, B second) {
        try {
            action.accept(first, second);
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * The result of {@code action} on two arguments, or {@code fallback} when it throws (counted on
     * {@code meter} as {@link FaultReason#RECORDING_FAILED}) or returns null. A method reference or a
     * lambda that captures nothing allocates nothing.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <T> the result type
     * @param meter the meter the action records
     * @param action the work
     * @param first the first argument
     * @param second the second argument
     * @param fallback what to return when the action throws or returns null
     * @return the action's result, or the fallback
     */
    public <A, B, T> @Nullable T guard(
            ObsMeter meter,
            BiFunction<? super A, ? super B, ? extends @Nullable T> action,
            A first,
            B second,
            @Nullable T fallback) {
        try {
            T result = action.apply(first, second);
            return result != null ? result : fallback;
        } catch (RuntimeException e) {
            record(meter, FaultReason.RECORDING_FAILED);
            return fallback;
        }
    }
}
