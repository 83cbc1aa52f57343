package io.escalation.obs.core.pii;

import java.nio.charset.StandardCharsets;

/**
 * Decodes {@code %XX} escapes so that PII spelled in URL form ({@code jane%40example.com},
 * {@code %2B14155550123}) can be checked by the masker: for detection only, never for output.
 */
public final class PercentDecoding {

    /** How often a value escaped more than once ({@code %2540}) is decoded again. */
    static final int MAX_ROUNDS = 3;

    private PercentDecoding() {}

    /**
     * {@code s} with its {@code %XX} escapes decoded as UTF-8, repeatedly while that changes it (at most
     * three rounds); malformed escapes stay as they are. {@code s} itself when it has no escape.
     *
     * @param s the text to decode, e.g. a label value or a URL path
     * @return the decoded text
     */
    public static String decode(String s) {
        String out = s;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = decodeOnce(out);
            if (next == out) {
                break;
            }
            out = next;
        }
        return out;
    }

    /**
     * One round of {@link #decode}: {@code s} with its {@code %XX} escapes decoded as UTF-8, malformed
     * escapes kept; {@code s} itself when nothing was decoded.
     *
     * @param s the text to decode, e.g. a label value or a URL path
     * @return the text after one round of decoding
     */
    public static String decodeOnce(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        byte[] run = new byte[s.length() / 3 + 1];
        boolean changed = false;
        int i = 0;
        while (i < s.length()) {
            int n = 0;
            while (i + 2 < s.length()
                    && s.charAt(i) == '%'
                    && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                run[n++] = (byte) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 3;
            }
            if (n > 0) {
                out.append(new String(run, 0, n, StandardCharsets.UTF_8));
                changed = true;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return changed ? out.toString() : s;
    }
}
