package io.escalation.obs.core.pii;

/** Masks already in a text ({@code [SECRET]}, {@code [CARD ****1111]}, {@code ****}): masking them again changes nothing. */
final class Masks {

    /** End of a mask such as {@code [SECRET]} or {@code [CARD ****1111]} at {@code p}, or -1. */
    static int maskTokenEnd(String s, int p) {
        int n = s.length();
        if (p + 2 >= n || s.charAt(p) != '[' || !Chars.isUpper(s.charAt(p + 1))) {
            return -1;
        }
        for (int q = p + 2; q < n && q - p < 48; q++) {
            char c = s.charAt(q);
            if (c == ']') {
                return q + 1;
            }
            if (!Chars.isUpper(c) && !Chars.isDigit(c) && c != ' ' && c != '*' && c != '_' && c != '-') {
                return -1;
            }
        }
        return -1;
    }

    /** True when {@code [a, b)} is a mask or only asterisks, that is: already masked. */
    static boolean isMasked(String s, int a, int b) {
        if (s.charAt(a) == '[') {
            return maskTokenEnd(s, a) == b;
        }
        for (int k = a; k < b; k++) {
            if (s.charAt(k) != '*') {
                return false;
            }
        }
        return true;
    }

    private Masks() {}
}
