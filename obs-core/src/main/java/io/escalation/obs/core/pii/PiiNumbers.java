package io.escalation.obs.core.pii;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Which numbers go to the masker: those with seven integer digits or more, the shortest that a
 * phone number (without its area code), a card or an account number can have. Smaller numbers,
 * nearly all of them (counts, durations, amounts), are written as they are without being turned
 * into text. Logs and Sentry events ask the same questions here, so both mask the same numbers.
 */
public final class PiiNumbers {

    private static final long SMALLEST = 1_000_000L;

    private PiiNumbers() {}

    /**
     * Whether {@code v} has seven integer digits or more.
     *
     * @param v a whole number
     * @return true when its digits go to the masker
     */
    public static boolean mayBePii(long v) {
        return v >= SMALLEST || v <= -SMALLEST;
    }

    /**
     * Whether {@code v} has seven integer digits or more; false for NaN and infinities.
     *
     * @param v a floating-point number
     * @return true when its digits go to the masker
     */
    public static boolean mayBePii(double v) {
        return (v >= SMALLEST || v <= -SMALLEST) && !Double.isInfinite(v);
    }

    /**
     * Whether {@code v} may have seven digits or more.
     *
     * @param v a whole number
     * @return true when its digits go to the masker
     */
    public static boolean mayBePii(BigInteger v) {
        return v.bitLength() >= 20; // 2^19 < 10^6: smaller values never reach seven digits
    }

    /**
     * Seven integer digits or more, and not followed by more than 64 zeros: written out, such a number
     * ({@code 1E+100000000}) is one run of digits in which no phone, card or SSN is read, and writing
     * it out would cost time and memory in proportion to its exponent.
     *
     * @param v a decimal
     * @return true when its digits go to the masker
     */
    public static boolean mayBePii(BigDecimal v) {
        return v.precision() - v.scale() >= 7 && v.scale() >= -64;
    }

    /**
     * The plain digits of {@code v}, as a person would write the number: no exponent.
     *
     * @param v a finite floating-point number
     * @return its digits, with a fraction only when it has one
     */
    public static String digits(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 9.0e18) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).toPlainString();
    }

    /**
     * The plain digits of {@code v} as it prints ({@code 4.1555528E9} is {@code 4155552800}), not
     * of its binary value: a float holds about eight significant digits.
     *
     * @param v a finite float
     * @return its digits, with a fraction only when it has one
     */
    public static String digits(float v) {
        String plain = new BigDecimal(Float.toString(v)).toPlainString();
        return plain.endsWith(".0") ? plain.substring(0, plain.length() - 2) : plain;
    }

    /**
     * The plain digits of {@code n} (no exponent) when it has seven integer digits or more, of any
     * numeric type (int, long, BigInteger, BigDecimal, double, float, AtomicLong, LongAdder, ...);
     * null for smaller numbers, NaN and infinities. It allocates only for numbers that go to the masker.
     *
     * @param n a number
     * @return its digits to mask, or null when they are not personal data
     */
    public static @Nullable String digitsIfLarge(Number n) {
        if (n instanceof Double) {
            double d = n.doubleValue();
            return mayBePii(d) ? digits(d) : null;
        }
        if (n instanceof Float) {
            float f = n.floatValue();
            return mayBePii(f) ? digits(f) : null;
        }
        if (n instanceof BigDecimal b) {
            return mayBePii(b) ? b.toPlainString() : null;
        }
        if (n instanceof BigInteger b) {
            return mayBePii(b) ? b.toString() : null;
        }
        if (n instanceof Long
                || n instanceof Integer
                || n instanceof Short
                || n instanceof Byte
                || n instanceof AtomicLong
                || n instanceof AtomicInteger
                || n instanceof LongAdder) {
            long v = n.longValue();
            return mayBePii(v) ? Long.toString(v) : null;
        }
        String text = n.toString(); // DoubleAdder, custom Number types: their own digits
        try {
            return digitsIfLarge(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
