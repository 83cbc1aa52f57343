package io.escalation.obs.core.fault;

import io.escalation.obs.core.catalog.CoreLabels;
import io.escalation.obs.core.catalog.CoreMeters;
import io.escalation.obs.core.catalog.ObsMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * if (obs.faults().rejectsCount(LlmMeters.TOKENS, tokens)) return;   // negative: counted, dropped
 * }</pre>
 */
public final class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);
    private static final FaultReason[] REASONS = FaultReason.values();

    private final MeterRegistry registry;
    private final ConcurrentMap<ObsMeter, AtomicReferenceArray<Counter>> countersByMeter = new ConcurrentHashMap<>();
    private final ConcurrentMap<ObsMeter, Boolean> callbackFailuresLogged = new ConcurrentHashMap<>();

    /**
     * For {@code Observability}; facades use {@code obs.faults()}.
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
                counter = CoreMeters.INSTRUMENTATION_ERRORS.counter()
                        .tag(CoreLabels.METRIC.asString(), metric)
                        .tag(CoreLabels.REASON.asString(), reason.label())
                        .register(registry);
                counters.set(reason.ordinal(), counter);
                log.warn("obs: bad input to {} ({}): the value was dropped, clamped or masked;"
                        + " further occurrences are only counted in obs_instrumentation_errors_total",
                        metric, reason.label());
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
     * try { listener.onStateChange(from, to, this); } catch (Throwable e) { faults.callbackFailed(LlmMeters.BUDGET_REMAINING, e); }
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
                log.warn("obs: user code called while recording {} threw {}; the recording call went on,"
                        + " further failures are only counted in obs_instrumentation_errors_total{reason=\"{}\"}",
                        meter.prometheusName(), error.getClass().getName(), FaultReason.RECORDING_FAILED.label());
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
        if (error instanceof VirtualMachineError) {
            throw (VirtualMachineError) error;
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
}
