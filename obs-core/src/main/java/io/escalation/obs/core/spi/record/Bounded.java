package io.escalation.obs.core.spi.record;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arithmetic on callers' values that can neither throw nor wrap, and costs O(1) whatever the value:
 * saturating sums for totals kept in a {@code long}, a saturating {@link Duration} conversion, and a
 * cheap size check for {@link BigDecimal}s before any arithmetic on them.
 *
 * <pre>{@code
 * long nanos = Bounded.toNanos(Duration.between(Instant.MAX, now));   // Long.MIN_VALUE, no ArithmeticException
 * Bounded.addTo(spentPicos, picos);                                  // stays at Long.MAX_VALUE, never negative
 * }</pre>
 */
public final class Bounded {

    /** The largest scale (decimals) or negative scale {@link #isTractable} accepts. */
    public static final int MAX_SCALE = 100;
    /** The most significant digits {@link #isTractable} accepts. */
    public static final int MAX_PRECISION = 150;

    private Bounded() {}

    /** {@code a + b}, or {@code Long.MAX_VALUE} / {@code Long.MIN_VALUE} where the sum would wrap. */
    static long add(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) { // both operands' signs differ from the sum's: overflow
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /**
     * Adds {@code delta} to {@code total}, stopping at {@code Long.MAX_VALUE} or {@code Long.MIN_VALUE}
     * instead of wrapping, and returns the new total. Lock-free; allocates nothing.
     *
     * @param total the running total
     * @param delta the amount to add, may be negative
     * @return the new total
     */
    public static long addTo(AtomicLong total, long delta) {
        while (true) {
            long current = total.get();
            long next = add(current, delta);
            if (next == current || total.compareAndSet(current, next)) {
                return next;
            }
        }
    }

    /**
     * {@code duration} in nanoseconds, saturated to {@code Long.MAX_VALUE} or {@code Long.MIN_VALUE}
     * where {@link Duration#toNanos()} would throw (beyond about 292 years either way).
     *
     * @param duration the duration
     * @return the duration in nanoseconds
     */
    public static long toNanos(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + duration.getNano();
    }

    /**
     * True when arithmetic on {@code value} is cheap: a scale within ±{@value #MAX_SCALE} and at most
     * {@value #MAX_PRECISION} significant digits. Decided from the scale first, without arithmetic: {@code 1E-100000000} and {@code 1E+100000000} answer false at once,
     * where {@code setScale} on them runs for minutes. No real amount or price fails it; a facade
     * drops a value that does, as {@link FaultReason#VALUE_TOO_LARGE}.
     *
     * @param value the number
     * @return true when arithmetic is cheap
     */
    public static boolean isTractable(BigDecimal value) {
        int scale = value.scale();
        return scale <= MAX_SCALE && scale >= -MAX_SCALE && value.precision() <= MAX_PRECISION;
    }
}
