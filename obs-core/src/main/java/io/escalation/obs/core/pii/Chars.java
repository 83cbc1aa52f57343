package io.escalation.obs.core.pii;

/** The char classes, runs and boundaries the detectors share. */
final class Chars {

    private static final boolean[] TOKEN_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN_CHAR[c] = isAsciiAlnum(c) || c == '_' || c == '-';
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAsciiLetter(char c) {
        return isUpper(c) || isLower(c);
    }

    static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Letters, digits and {@code _}, including non-ASCII letters and digits. */
    static boolean isWord(char c) {
        return c < 128 ? isAsciiAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
    }

    /** The chars of identifiers and API keys: ASCII letters, digits, {@code _} and {@code -}. */
    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN_CHAR[c];
    }

    static char lower(char c) {
        return isUpper(c) ? (char) (c + ('a' - 'A')) : c;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Index of the first char at or after {@code p} that is not a token char. */
    static int skipToken(String s, int p) {
        int n = s.length();
        while (p < n && isTokenChar(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Number of digits starting at {@code p}, counting at most {@code max}. */
    static int digitRun(String s, int p, int max) {
        int n = s.length();
        int q = p;
        while (q < n && q - p < max && isDigit(s.charAt(q))) {
            q++;
        }
        return q - p;
    }

    /** Exactly {@code count} digits at {@code p}, not followed by another digit. */
    static boolean digitsAt(String s, int p, int count) {
        return p + count <= s.length() && digitRun(s, p, count + 1) == count;
    }

    static int number(String s, int p, int count) {
        int v = 0;
        for (int k = p; k < p + count; k++) {
            v = v * 10 + (s.charAt(k) - '0');
        }
        return v;
    }

    /**
     * True when a number may start at {@code i}: it is not glued to a word, a decimal point or a
     * {@code +} sign, and not the tail of a hyphenated id such as {@code ORD-2026-000123}.
     */
    static boolean numberStartsAt(String s, int i) {
        if (i == 0) {
            return true;
        }
        char p = s.charAt(i - 1);
        if (isWord(p) || p == '.' || p == '+') {
            return false;
        }
        return p != '-' || i < 2 || !isWord(s.charAt(i - 2));
    }

    /**
     * True when a number may end at {@code e}: the next char is not a word char or {@code @} (an e-mail
     * local part), and not a {@code .} or {@code -} that continues the number with a digit.
     */
    static boolean numberEndsAt(String s, int e) {
        int n = s.length();
        if (e >= n) {
            return true;
        }
        char c = s.charAt(e);
        if (isWord(c) || c == '@') {
            return false;
        }
        return !((c == '.' || c == '-') && e + 1 < n && isDigit(s.charAt(e + 1)));
    }

    /** True when a key, token or IBAN may start at {@code i}: not inside a word or dotted/hyphenated name. */
    static boolean wordStartsAt(String s, int i) {
        if (i == 0) {
            return true;
        }
        char p = s.charAt(i - 1);
        return !isWord(p) && p != '-' && p != '.';
    }

    private Chars() {}
}
