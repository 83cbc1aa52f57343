package io.escalation.obs.logging;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Which numbers go to the masker: those with seven integer digits or more, the shortest that a
 * phone number (without its area code), a card or an account number can have. Smaller numbers,
 * nearly all of them (counts, durations, amounts), are written as they are without being turned
 * into text.
 */
final class PiiNumbers {

    private static final long SMALLEST = 1_000_000L;

    private PiiNumbers() {
    }

    static boolean mayBePii(long v) {
        return v >= SMALLEST || v <= -SMALLEST;
    }

    static boolean mayBePii(double v) {
        return (v >= SMALLEST || v <= -SMALLEST) && !Double.isInfinite(v);
    }

    static boolean mayBePii(BigInteger v) {
        return v.bitLength() >= 20;   // 2^19 < 10^6: smaller values never reach seven digits
    }

    /**
     * Seven integer digits or more, and not followed by more than 64 zeros: written out, such a number
     * ({@code 1E+100000000}) is one run of digits in which no phone, card or SSN is read, and writing
     * it out would cost time and memory in proportion to its exponent.
     */
    static boolean mayBePii(BigDecimal v) {
        return v.precision() - v.scale() >= 7 && v.scale() >= -64;
    }

    /** The plain digits of {@code v}, as a person would write the number: no exponent. */
    static String digits(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 9.0e18) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).toPlainString();
    }

    /**
     * The plain digits of {@code v} as it prints ({@code 4.1555528E9} is {@code 4155552800}), not
     * of its binary value: a float holds about eight significant digits.
     */
    static String digits(float v) {
        String plain = new BigDecimal(Float.toString(v)).toPlainString();
        return plain.endsWith(".0") ? plain.substring(0, plain.length() - 2) : plain;
    }
}
